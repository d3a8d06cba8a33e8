import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';

export interface Tx {
  manager: EntityManager;
}

/**
 * Runs `work` in one transaction: on any error nothing is written. Events go
 * out as NOTIFY inside it, which PostgreSQL delivers only at COMMIT.
 */
export function inTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  return dataSource.transaction((manager) => work({ manager }));
}

/** The PostgreSQL error code behind a failed query, if any. */
function pgError(error: unknown): { code?: string; constraint?: string } | null {
  if (error instanceof QueryFailedError)
    return error.driverError as { code?: string; constraint?: string };
  return null;
}

/** True for a unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** True for a CHECK constraint violation of the named constraint. */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23514' && pg.constraint === constraint;
}
