import { ArrayMaxSize, IsOptional, Matches, MaxLength } from 'class-validator';

/** Shared input limits from DESIGN.md "Errors and bad input". */
export const LIMITS = { name: 200, text: 10_000, list: 100 } as const;

/** A trimmed non-empty name of at most 200 characters. */
export function IsName(): PropertyDecorator {
  return (target, key) => {
    Matches(/\S/, { message: `${String(key)} must not be empty or blank` })(target, key);
    MaxLength(LIMITS.name, { message: `${String(key)} must be at most ${LIMITS.name} characters` })(
      target,
      key,
    );
  };
}

/** An optional free text of at most 10,000 characters. */
export function IsText(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    MaxLength(LIMITS.text, { message: `${String(key)} must be at most ${LIMITS.text} characters` })(
      target,
      key,
    );
  };
}

/** A list of at most 100 items. */
export function IsShortList(): PropertyDecorator {
  return ArrayMaxSize(LIMITS.list, { message: `$property must have at most ${LIMITS.list} items` });
}

/** Trims a value validated by IsName. */
export function clean(value: string): string;
export function clean(value: string | null | undefined): string | null | undefined;
export function clean(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? value.trim() : value;
}
