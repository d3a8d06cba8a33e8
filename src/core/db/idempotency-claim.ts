import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import { AppError } from '../errors';

/**
 * The Idempotency-Key of the HTTP mutation being resolved. Its row is inserted first thing
 * in the mutation's own (deferred) transaction, see inTransaction, and the claim becomes
 * `taken` only once that transaction committed: a mutation that rolls back leaves no row,
 * and one that committed has its answer stored.
 */
export interface IdempotencyClaim {
  ownerHash: string;
  key: string;
  requestHash: string;
  /** open: nothing committed yet; taken: this request's write committed with the key; lost: another request's did. */
  state: 'open' | 'taken' | 'lost';
}

const current = new AsyncLocalStorage<IdempotencyClaim>();

/** Runs a mutation resolver with its request's claim (none: as it is). */
export function withClaim<T>(claim: IdempotencyClaim | undefined, run: () => T): T {
  return claim ? current.run(claim, run) : run();
}

/** The open claim of the mutation being resolved, if any. */
export function openClaim(): IdempotencyClaim | undefined {
  const claim = current.getStore();
  return claim?.state === 'open' ? claim : undefined;
}

/** HTTP 409: another request with this key is being answered (or committed first). */
export function keyInUse(message: string): AppError {
  return new AppError('IDEMPOTENCY_KEY_IN_USE', message, { field: 'Idempotency-Key' });
}

/**
 * Inserts the claim's row in the transaction about to write. Another request with the
 * same token and key that committed first (an expired row aside) wins: this transaction
 * rolls back and the request answers with the winner's stored answer.
 */
export async function insertClaim(manager: EntityManager, claim: IdempotencyClaim): Promise<void> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (owner_hash, key, request_hash, expires_at)
     VALUES ($1, $2, $3, now() + interval '24 hours')
     ON CONFLICT (owner_hash, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, expires_at = EXCLUDED.expires_at,
           status = NULL, body = NULL, created_at = now()
       WHERE idempotency_keys.expires_at <= now()
     RETURNING 1`,
    [claim.ownerHash, claim.key, claim.requestHash],
  );
  if (rows.length === 0) {
    claim.state = 'lost';
    throw keyInUse('Another request with this Idempotency-Key committed first');
  }
}
