import pg from 'pg';
import type { Logger } from 'pino';

/** Where a token stands in the current one-minute window. */
export interface BudgetState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  resetAt: number;
  /** Seconds until then (when not allowed: when to retry). */
  retryAfter: number;
}

const WINDOW_MS = 60_000;

/** A charge waiting for the token's statement in flight. */
interface Waiting {
  cost: number;
  resolve(state: BudgetState): void;
  reject(error: unknown): void;
}
/** Refunds are gathered per token and window and written at most this often. */
const REFUND_FLUSH_MS = 100;

/**
 * Per-token cost budget per minute, kept in PostgreSQL so every instance
 * draws on the same figure: fixed one-minute windows, one atomic statement
 * per operation on a small pool of its own (outside the request's
 * statements). An operation is charged its estimate up front and refunded
 * the part it did not use.
 *
 * A budget is a rate limit, not a ledger: its connections commit without
 * waiting for the WAL flush (`synchronous_commit=off`; a crash forgets at
 * most the last fraction of a second of charges), so the token's row lock is
 * held for microseconds instead of a disk flush (2.8 ms here, far more under
 * load), and refunds are summed per token and written once per 100 ms: one
 * statement per operation, not two. A refund waiting to be written only
 * makes the budget stricter for that moment, never looser.
 *
 * One charge statement per token is in flight at a time: the charges that
 * arrive meanwhile wait and go together in the next statement (their sum, in
 * arrival order, each told what remained after it), instead of queueing for
 * the pool and the token's row lock one by one. When the sum does not fit,
 * they are charged one by one, so what is refused is exactly what was.
 */
export class CostBudget {
  private readonly pool: pg.Pool;
  private readonly sweeper: NodeJS.Timeout;
  /** Refunds not yet written: "<window start>\n<token key>" to amount. */
  private readonly refunds = new Map<string, number>();
  private flushing: NodeJS.Timeout | null = null;
  /** Charges waiting per token key while that token's statement is in flight. */
  private readonly waiting = new Map<string, Waiting[]>();
  /** Statements run on the budget's own pool (not in the app's statement counter): charges, refund writes. */
  readonly statements = { charges: 0, refunds: 0 };

  constructor(
    url: string,
    private readonly perMinute: number,
    private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 2,
      application_name: 'launch-planning-budget',
      options: '-c synchronous_commit=off',
    });
    this.pool.on('error', (error) => logger.warn({ err: error.message }, 'budget pool error'));
    this.sweeper = setInterval(() => void this.sweep(), WINDOW_MS);
    this.sweeper.unref();
  }

  private window(now = Date.now()): { start: number; resetAt: number; retryAfter: number } {
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const resetAt = Math.ceil((start + WINDOW_MS) / 1000);
    return { start, resetAt, retryAfter: Math.max(1, resetAt - Math.floor(now / 1000)) };
  }

  /** Takes `cost` from the token's budget unless that would overdraw it. */
  charge(key: string, cost: number): Promise<BudgetState> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) return void queue.push({ cost, resolve, reject });
      this.waiting.set(key, [{ cost, resolve, reject }]);
      void this.drain(key);
    });
  }

  /** Charges the token's waiting operations, a batch per statement, until none waits. */
  private async drain(key: string): Promise<void> {
    for (;;) {
      const batch = this.waiting.get(key) ?? [];
      // Those arriving while this batch is charged form the next one.
      this.waiting.set(key, []);
      if (batch.length === 0) return void this.waiting.delete(key);
      try {
        const states = await this.chargeBatch(key, batch);
        batch.forEach((waiting, i) => waiting.resolve(states[i]));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
  }

  /** The batch's sum in one statement; one by one when the sum would overdraw. */
  private async chargeBatch(key: string, batch: Waiting[]): Promise<BudgetState[]> {
    const total = batch.reduce((sum, waiting) => sum + waiting.cost, 0);
    const state = await this.chargeOnce(key, total);
    if (batch.length === 1) return [state];
    if (!state.allowed) {
      const states: BudgetState[] = [];
      for (const waiting of batch) states.push(await this.chargeOnce(key, waiting.cost));
      return states;
    }
    // What remained after each one, in arrival order.
    let remaining = state.remaining + total;
    return batch.map((waiting) => {
      remaining -= waiting.cost;
      return { ...state, remaining };
    });
  }

  /** One atomic statement: takes `cost` unless that would overdraw the token's budget. */
  private async chargeOnce(key: string, cost: number): Promise<BudgetState> {
    const { start, resetAt, retryAfter } = this.window();
    this.statements.charges += 1;
    const { rows } = await this.pool.query<{ charged: number | null; before: number | null }>(
      `WITH up AS (
         INSERT INTO cost_budgets AS b (token_key, window_start, spent) VALUES ($1, $2, $3)
         ON CONFLICT (token_key, window_start) DO UPDATE SET spent = b.spent + EXCLUDED.spent
         WHERE b.spent + EXCLUDED.spent <= $4
         RETURNING spent)
       SELECT (SELECT spent FROM up) AS charged,
              (SELECT spent FROM cost_budgets WHERE token_key = $1 AND window_start = $2) AS before`,
      [key, start, cost, this.perMinute],
    );
    const charged = rows[0].charged;
    if (charged === null) {
      const spent = rows[0].before ?? 0;
      const remaining = Math.max(0, this.perMinute - spent);
      return { allowed: false, limit: this.perMinute, remaining, resetAt, retryAfter };
    }
    const remaining = Math.max(0, this.perMinute - charged);
    return { allowed: true, limit: this.perMinute, remaining, resetAt, retryAfter };
  }

  /** Gives back what an operation did not use (written within 100 ms; the answer does not wait). */
  refund(key: string, amount: number, resetAt: number): void {
    if (amount <= 0) return;
    const entry = `${resetAt * 1000 - WINDOW_MS}\n${key}`;
    this.refunds.set(entry, (this.refunds.get(entry) ?? 0) + amount);
    if (this.flushing) return;
    this.flushing = setTimeout(() => void this.flush(), REFUND_FLUSH_MS);
    this.flushing.unref();
  }

  /** Writes the gathered refunds: one statement for all tokens and windows. */
  private async flush(): Promise<void> {
    this.flushing = null;
    if (this.refunds.size === 0) return;
    const entries = [...this.refunds];
    this.refunds.clear();
    const starts = entries.map(([entry]) => Number(entry.slice(0, entry.indexOf('\n'))));
    const keys = entries.map(([entry]) => entry.slice(entry.indexOf('\n') + 1));
    const amounts = entries.map(([, amount]) => amount);
    this.statements.refunds += 1;
    await this.pool
      .query(
        `UPDATE cost_budgets b SET spent = greatest(0, b.spent - r.amount)
         FROM unnest($1::text[], $2::bigint[], $3::int[]) AS r(token_key, window_start, amount)
         WHERE b.token_key = r.token_key AND b.window_start = r.window_start`,
        [keys, starts, amounts],
      )
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'budget refund failed'));
  }

  private async sweep(): Promise<void> {
    await this.pool
      .query('DELETE FROM cost_budgets WHERE window_start < $1', [this.window().start - WINDOW_MS])
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'budget sweep failed'));
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    if (this.flushing) clearTimeout(this.flushing);
    await this.flush();
    await this.pool.end();
  }
}
