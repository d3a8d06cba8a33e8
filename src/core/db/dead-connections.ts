import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A pooled connection can die while idle (PostgreSQL restarted, pg_terminate_backend, a
 * proxy's idle timeout) and be handed out before its socket tells the pool so. The first
 * statement on it then fails without having run. Such a statement is sent once more on a
 * fresh connection when sending it again cannot apply anything twice: a read, or the
 * START TRANSACTION of a transaction that has not begun. Every idle connection of the pool
 * is dropped first (they died together), so the retry opens a new one.
 */

const RETRYABLE = /^\s*(START TRANSACTION|BEGIN|SELECT|WITH)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE|NOTIFY|pg_notify|nextval|setval)\b/i;

/** The connection broke under the statement (not a refused connect, not a statement error). */
function connectionLost(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown; message?: unknown } })
    ?.driverError;
  const code = driverError?.code;
  const message = typeof driverError?.message === 'string' ? driverError.message : '';
  return (
    code === '57P01' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /connection terminated|terminating connection|not queryable|server closed the connection/i.test(
      message,
    )
  );
}

function retryable(statement: string): boolean {
  return (
    RETRYABLE.test(statement) && (/^\s*(START|BEGIN)/i.test(statement) || !WRITES.test(statement))
  );
}

/** TypeORM's PostgresQueryRunner internals this relies on (typeorm is pinned exactly). */
interface RunnerInternals {
  databaseConnection?: unknown;
  databaseConnectionPromise?: unknown;
  isReleased: boolean;
  releasePostgresConnection(error?: unknown): Promise<void>;
}

/** pg-pool internals: its idle clients and how it drops one. */
interface PoolInternals {
  _idle?: Array<{ client: unknown }>;
  _remove?(client: unknown): void;
}

function dropIdle(pool: PoolInternals | undefined): void {
  for (const item of pool?._idle?.slice() ?? []) pool?._remove?.(item.client);
}

/** Installs the retry on every query runner the DataSource creates. */
export function retryOnDeadConnections(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as {
    master?: PoolInternals;
    createQueryRunner(mode: string): QueryRunner;
  };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: string) => {
    const runner = create(mode);
    const internals = runner as unknown as RunnerInternals;
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    let sent = 0; // statements sent on the runner's current connection
    runner.query = (async (statement: string, ...rest: unknown[]) => {
      const first = sent === 0;
      sent += 1;
      try {
        return await query(statement, ...rest);
      } catch (error) {
        const hadConnection = internals.databaseConnection !== undefined;
        if (!first || !hadConnection || !connectionLost(error) || !retryable(statement)) {
          throw error;
        }
        await internals.releasePostgresConnection(error); // the pool destroys it
        dropIdle(driver.master);
        internals.isReleased = false;
        internals.databaseConnection = undefined;
        internals.databaseConnectionPromise = undefined;
        return query(statement, ...rest);
      }
    }) as QueryRunner['query'];
    return runner;
  };
}
