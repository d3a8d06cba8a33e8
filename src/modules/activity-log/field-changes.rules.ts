import type { FieldChange } from './activity-log.service';

/** A field with its readable value before and after a write (null: no value). */
export type FieldPair = readonly [field: string, from: string | null, to: string | null];

/** The pairs whose value changed, as activity `changes`, in the order given. */
export function changedFields(pairs: readonly FieldPair[]): FieldChange[] {
  return pairs
    .filter(([, from, to]) => from !== to)
    .map(([field, from, to]) => ({ field, from, to }));
}

/** A field with its readable value (null: no value). */
export type FieldValue = readonly [field: string, value: string | null];

/**
 * What changed between two states of one object, read the same way (`values`
 * lists the same fields in the same order for both), as activity `changes`.
 */
export function comparedFields<T>(
  values: (state: T) => readonly FieldValue[],
  before: T,
  after: T,
): FieldChange[] {
  const from = values(before);
  return changedFields(values(after).map(([field, to], i) => [field, from[i][1], to] as const));
}

/** What a created object starts with: every given value from null. */
export function createdFields(
  pairs: ReadonlyArray<readonly [string, string | null]>,
): FieldChange[] {
  return changedFields(pairs.map(([field, value]) => [field, null, value] as const));
}

/** What a deleted object had: every given value to null. */
export function deletedFields(
  pairs: ReadonlyArray<readonly [string, string | null]>,
): FieldChange[] {
  return changedFields(pairs.map(([field, value]) => [field, value, null] as const));
}
