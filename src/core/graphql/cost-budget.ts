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

/**
 * Per-token cost budget per minute, kept in PostgreSQL so every instance
 * draws on the same figure: fixed one-minute windows, one atomic statement
 * per operation on a small pool of its own (outside the request's
 * statements). An operation is charged its estimate up front and refunded
 * the part it did not use.
 */
export class CostBudget {
  private readonly pool: pg.Pool;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly perMinute: number,
    private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 2,
      application_name: 'launch-planning-budget',
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
  async charge(key: string, cost: number): Promise<BudgetState> {
    const { start, resetAt, retryAfter } = this.window();
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

  /** Gives back what an operation did not use (fire and forget: the answer does not wait). */
  refund(key: string, amount: number, resetAt: number): void {
    if (amount <= 0) return;
    const start = resetAt * 1000 - WINDOW_MS;
    this.pool
      .query(
        `UPDATE cost_budgets SET spent = greatest(0, spent - $3) WHERE token_key = $1 AND window_start = $2`,
        [key, start, amount],
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
    await this.pool.end();
  }
}
