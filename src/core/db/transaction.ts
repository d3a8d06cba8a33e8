import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';

export interface Tx {
  manager: EntityManager;
  /** Runs after COMMIT succeeded; never after a rollback. */
  afterCommit(fn: () => void): void;
}

/** Runs `work` in one transaction: on any error nothing is written and no after-commit hook runs. */
export async function inTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await dataSource.transaction((manager) => work({ manager, afterCommit: (fn) => hooks.push(fn) }));
  for (const hook of hooks) hook();
  return result;
}

/** The PostgreSQL error code behind a failed query, if any. */
function pgError(error: unknown): { code?: string; constraint?: string } | null {
  if (error instanceof QueryFailedError) return error.driverError as { code?: string; constraint?: string };
  return null;
}

/** True for a unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
