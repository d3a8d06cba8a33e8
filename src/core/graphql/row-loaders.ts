import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { sqlEntities } from '../db/sql';

/**
 * A DataLoader of rows by key: one statement per batch (`sql` takes the keys
 * as `$1::uuid[]`), null for a key with no row, results in key order. The
 * manager is taken at batch time: inside a mutation it is its transaction.
 */
export function rowLoader<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  sql: string,
  keyOf: (row: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await sqlEntities(dataSource.manager, entity, sql, [[...keys]]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A DataLoader of each key's rows, in the statement's order (as rowLoader otherwise). */
export function rowsLoader<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  sql: string,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await sqlEntities(dataSource.manager, entity, sql, [[...keys]]);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
