import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { insertClaim, openClaim, type IdempotencyClaim } from './idempotency-claim';

export interface Tx {
  manager: EntityManager;
}

/** A mutation's scope: the transaction its first inTransaction opened, committed when the scope ends. */
interface DeferredCommit {
  runner?: QueryRunner;
  /** The Idempotency-Key whose row the runner's transaction inserted: taken once it commits. */
  claim?: IdempotencyClaim;
}

const scopes = new AsyncLocalStorage<DeferredCommit>();

/**
 * Runs `work` in one transaction: on any error nothing is written. Events go
 * out as NOTIFY inside it, which PostgreSQL delivers only at COMMIT.
 *
 * Inside `withDeferredCommit` (every mutation field) the first call opens the
 * scope's transaction and later calls join it; the scope commits it once the
 * payload has been read, so nothing a payload shows is read after COMMIT.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const scope = scopes.getStore();
  if (!scope) return ownTransaction(dataSource, work);
  if (scope.runner) return work({ manager: scope.runner.manager });
  const runner = await openRunner(dataSource);
  scope.runner = runner;
  try {
    // An HTTP mutation sent with an Idempotency-Key: the key's row commits with the write.
    const claim = openClaim();
    if (claim) await insertClaim(runner.manager, claim);
    scope.claim = claim;
    return await work({ manager: runner.manager });
  } catch (error) {
    // Nothing written, the key's row neither; a caller that goes on after catching this starts afresh.
    scope.runner = undefined;
    scope.claim = undefined;
    await finish(runner, false);
    throw error;
  }
}

/** A transaction of its own (outside a mutation field), committed when `work` returns. */
async function ownTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  const claim = openClaim();
  const result = await dataSource.transaction(async (manager) => {
    if (claim) await insertClaim(manager, claim);
    return work({ manager });
  });
  if (claim) claim.state = 'taken';
  return result;
}

async function openRunner(dataSource: DataSource): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
  } catch (error) {
    await runner.release();
    throw error;
  }
  return runner;
}

async function finish(runner: QueryRunner, commit: boolean): Promise<void> {
  try {
    if (commit) await runner.commitTransaction();
    else if (runner.isTransactionActive) await runner.rollbackTransaction();
  } finally {
    await runner.release();
  }
}

/**
 * Runs `work` (a mutation and the reading of its payload) with one deferred
 * transaction: the first inTransaction inside opens it, and it commits when
 * `work` succeeds (rolls back when it throws). Reads made inside through
 * `currentManager` or a `transactionAware` data source see the writes.
 */
export async function withDeferredCommit<T>(work: () => Promise<T>): Promise<T> {
  const scope: DeferredCommit = {};
  let value: T;
  try {
    value = await scopes.run(scope, work);
  } catch (error) {
    const runner = scope.runner;
    scope.runner = undefined;
    scope.claim = undefined;
    if (runner) await finish(runner, false).catch(() => undefined);
    throw error;
  }
  const { runner, claim } = scope;
  scope.runner = undefined;
  scope.claim = undefined;
  if (runner) await finish(runner, true);
  // Committed: the key is used up, and its answer (this one) is stored after.
  if (claim) claim.state = 'taken';
  return value;
}

/** The manager of the enclosing deferred transaction, else the data source's own. */
export function currentManager(dataSource: DataSource): EntityManager {
  return scopes.getStore()?.runner?.manager ?? dataSource.manager;
}

const aware = new WeakMap<DataSource, DataSource>();

/**
 * The data source as resolvers and loaders see it: `manager`, `query` and
 * `getRepository` go through the enclosing deferred transaction when there
 * is one (a mutation reading its own payload), else through the pool.
 */
export function transactionAware(dataSource: DataSource): DataSource {
  let proxy = aware.get(dataSource);
  if (!proxy) {
    proxy = new Proxy(dataSource, {
      get(target, prop) {
        if (prop === 'manager') return currentManager(target);
        if (prop === 'query' || prop === 'getRepository') {
          const manager = currentManager(target);
          return (manager[prop] as (...args: unknown[]) => unknown).bind(manager);
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    aware.set(dataSource, proxy);
  }
  return proxy;
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
