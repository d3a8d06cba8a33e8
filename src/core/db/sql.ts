import type { EntityManager } from 'typeorm';

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
