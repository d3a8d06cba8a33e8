import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Runs raw SQL and returns the rows, whatever the command: TypeORM answers
 * UPDATE/DELETE with [rows, count] and everything else with rows.
 */
export async function sql<T = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await manager.query(text, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** Maps a row with database column names onto a new entity instance. */
export function toEntity<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(entity);
  const item = metadata.create() as Record<string, unknown>;
  for (const column of metadata.columns) item[column.propertyName] = row[column.databaseName];
  return item as T;
}

/** Runs raw SQL returning whole rows (e.g. `RETURNING *`) and maps them onto entities. */
export async function sqlEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const rows = await sql(manager, text, params);
  return rows.map((row) => toEntity(manager, entity, row));
}
