import { GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

/** ISO 8601 instant, UTC (graphql-scalars' DateTime). */
export const DateTimeScalar = DateTimeResolver;

/** Money totals in minor units: beyond 2^31, within 2^53. */
export const SafeIntScalar = SafeIntResolver;

/** The years a Date may name: PostgreSQL and JavaScript agree on these, and nothing plans outside them. */
export const DATE_RANGE = { min: '1900-01-01', max: '9999-12-31' } as const;

function toIsoDate(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  throw new TypeError(`Date cannot represent ${String(value)}`);
}

function inRange(value: string): string {
  if (value < DATE_RANGE.min || value > DATE_RANGE.max) {
    throw new TypeError(
      `Date must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}, got ${value}`,
    );
  }
  return value;
}

/**
 * graphql-scalars' Date (real calendar dates only), carried inside the
 * server as a 'YYYY-MM-DD' string so no time zone can shift it.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date, YYYY-MM-DD, in the years 1900 to 9999 (a real date: 2026-02-30 is refused).',
  serialize: (value) => toIsoDate(value),
  parseValue: (value) => inRange(toIsoDate(DateResolver.parseValue(value))),
  parseLiteral: (ast, variables) => inRange(toIsoDate(DateResolver.parseLiteral(ast, variables))),
  extensions: DateResolver.extensions,
});
