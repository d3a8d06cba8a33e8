import { createHash } from 'node:crypto';
import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequest,
  type GraphQLResponse,
} from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { hashToken, tokenFromHeader } from '../auth/tokens';
import { keyInUse, type IdempotencyClaim } from '../db/idempotency-claim';
import { AppError } from '../errors';
import type { Context } from '../graphql/context';

/**
 * Idempotency-Key on HTTP mutations (Stripe's semantics, per token, 24 hours):
 * - a mutation that committed a write stores its answer with the key; the same key again
 *   returns that answer (header `Idempotent-Replayed: true`) and writes nothing;
 * - the same key with another operation or other variables is 422 IDEMPOTENCY_KEY_REUSED;
 * - requests with one key run one at a time per instance, and across instances the key's
 *   row, inserted in the write's own transaction, lets one commit: the others answer with
 *   its stored answer;
 * - a mutation that wrote nothing (an error, or the database away) leaves the key unused.
 */

const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a request waits for the answer of another request with its key. */
const WAIT_MS = 10_000;
const POLL_MS = 50;
/** A committed key whose answer is still missing after this is reported, not awaited. */
const ANSWER_LOST_MS = 30_000;

interface StoredRow {
  request_hash: string;
  status: number | null;
  body: string | null;
  age_ms: number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** What makes two requests "the same": the document, the operation name and the variables. */
function requestHash(query: string, operationName: string | null, variables: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([query, operationName, canonical(variables ?? {})]))
    .digest('hex');
}

function reused(): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was used with another operation or other variables; use a new key',
    { field: 'Idempotency-Key' },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class IdempotencyStore {
  /** Requests being answered on this instance, by token and key: the next one waits. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** Removes expired keys hourly (and lets the process exit meanwhile). */
  startPurging(everyMs = 3_600_000): void {
    this.purgeTimer = setInterval(() => {
      this.dataSource
        .query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'idempotency purge failed'));
    }, everyMs);
    this.purgeTimer.unref();
  }

  stop(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
  }

  /** Waits for the request with this key on this instance, then holds the turn until `release`. */
  async turn(id: string): Promise<() => void> {
    for (let ahead = this.inFlight.get(id); ahead; ahead = this.inFlight.get(id)) await ahead;
    let release: () => void = () => undefined;
    this.inFlight.set(
      id,
      new Promise<void>((resolve) => {
        release = () => {
          this.inFlight.delete(id);
          resolve();
        };
      }),
    );
    return release;
  }

  private async row(claim: IdempotencyClaim): Promise<StoredRow | undefined> {
    const rows: StoredRow[] = await this.dataSource.query(
      `SELECT request_hash, status, body,
              (extract(epoch FROM now() - created_at) * 1000)::int AS age_ms
         FROM idempotency_keys WHERE owner_hash = $1 AND key = $2 AND expires_at > now()`,
      [claim.ownerHash, claim.key],
    );
    return rows[0];
  }

  /**
   * The stored answer for this key, waiting for it while another request holding the key
   * has committed but not stored it yet; undefined when the key is unused.
   */
  async stored(claim: IdempotencyClaim): Promise<GraphQLResponse | undefined> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const row = await this.row(claim);
      if (!row) return undefined;
      if (row.request_hash !== claim.requestHash) throw reused();
      if (row.body !== null) return replay(row.status ?? 200, row.body);
      if (row.age_ms > ANSWER_LOST_MS) {
        throw keyInUse(
          'A request with this Idempotency-Key committed, but its answer was not kept ' +
            '(the server stopped or the database went away): read the current state, ' +
            'and use a new key for a new attempt',
        );
      }
      if (Date.now() > deadline) {
        throw keyInUse(
          'A request with this Idempotency-Key is still being answered; retry shortly',
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Keeps the answer of a request whose write committed with its key (retrying while the database is away). */
  async store(
    claim: IdempotencyClaim,
    status: number,
    body: FormattedExecutionResult,
  ): Promise<void> {
    const text = JSON.stringify(body);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.dataSource.query(
          `UPDATE idempotency_keys SET status = $3, body = $4 WHERE owner_hash = $1 AND key = $2`,
          [claim.ownerHash, claim.key, status, text],
        );
        return;
      } catch (error) {
        if (attempt >= 30) {
          this.logger.error({ err: error, key: claim.key }, 'idempotent answer not stored');
          return;
        }
        await sleep(1000);
      }
    }
  }
}

function replay(status: number, body: string): GraphQLResponse {
  return {
    http: { status, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
    body: { kind: 'single', singleResult: JSON.parse(body) as FormattedExecutionResult },
  };
}

/** An application error as a whole answer (anything else leaves the answer as it is). */
function errorAnswer(error: unknown): GraphQLResponse | undefined {
  if (!(error instanceof AppError)) return undefined;
  const { http, ...extensions } = error.extensions as { http?: { status?: number } };
  return {
    http: { status: http?.status, headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { errors: [{ message: error.message, extensions }] } },
  };
}

/** One HTTP request that carries an Idempotency-Key. */
interface KeyedRequest {
  store: IdempotencyStore;
  request: GraphQLRequest;
  key: string;
  claim?: IdempotencyClaim;
  /** The stored answer being replayed, if any. */
  answer?: GraphQLResponse;
  /** Ends this request's turn with its key on this instance. */
  release?: () => void;
}

function badKey(): AppError {
  const error = AppError.badInput(
    'Idempotency-Key',
    'Idempotency-Key must be 1 to 255 visible ASCII characters',
  );
  error.extensions.http = { status: 400 };
  return error;
}

function claimOf({ request, key }: KeyedRequest): IdempotencyClaim {
  const token = tokenFromHeader(request.http?.headers.get('authorization')) ?? '';
  return {
    ownerHash: hashToken(token),
    key,
    requestHash: requestHash(request.query ?? '', request.operationName ?? null, request.variables),
    state: 'open',
  };
}

/** A mutation: waits for its turn with the key, then finds the stored answer or runs with the claim. */
async function beginMutation(keyed: KeyedRequest, context: Context): Promise<void> {
  if (!KEY.test(keyed.key)) throw badKey();
  const claim = claimOf(keyed);
  keyed.claim = claim;
  keyed.release = await keyed.store.turn(`${claim.ownerHash}:${keyed.key}`);
  try {
    keyed.answer = await keyed.store.stored(claim);
  } catch (error) {
    keyed.release();
    keyed.release = undefined;
    throw error;
  }
  if (!keyed.answer) context.idempotency = claim;
}

/** Stores a committed answer, or answers with the winner's when another request committed first. */
async function finishMutation(keyed: KeyedRequest, response: GraphQLResponse): Promise<void> {
  const { claim, store } = keyed;
  if (!claim || keyed.answer || response.body.kind !== 'single') return;
  if (claim.state === 'taken') {
    await store.store(claim, response.http.status ?? 200, response.body.singleResult);
  } else if (claim.state === 'lost') {
    // Another instance committed with this key first: its answer is the answer.
    const winner = await store.stored(claim).catch(errorAnswer);
    if (!winner) return;
    response.body = winner.body;
    if (winner.http.status) response.http.status = winner.http.status;
    for (const [name, value] of winner.http.headers) response.http.headers.set(name, value);
  }
}

export function idempotencyPlugin(store: IdempotencyStore): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get('idempotency-key');
      if (key === undefined) return;
      const keyed: KeyedRequest = { store, request, key };
      return {
        async didResolveOperation({ operation, contextValue }) {
          // Reads need no key.
          if (operation?.operation === 'mutation') await beginMutation(keyed, contextValue);
        },
        async responseForOperation() {
          return keyed.answer ?? null;
        },
        async willSendResponse({ response }) {
          try {
            await finishMutation(keyed, response);
          } finally {
            keyed.release?.();
          }
        },
      };
    },
  };
}
