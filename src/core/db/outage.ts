import type { Logger } from 'pino';

const MAX_IDS = 200;

/**
 * Logs a database outage once per burst, not once per answer: the first
 * SERVICE_UNAVAILABLE answer with its request id when the burst starts, and
 * one line when the database answers again with how many requests were
 * answered 503 meanwhile and their request ids (the first 200).
 */
export class OutageLog {
  private burst: { since: number; count: number; requestIds: string[] } | null = null;

  constructor(private readonly logger: Logger) {}

  get active(): boolean {
    return this.burst !== null;
  }

  /** A request was answered SERVICE_UNAVAILABLE. */
  unavailable(requestId: string, error: unknown): void {
    if (!this.burst) {
      this.burst = { since: Date.now(), count: 0, requestIds: [] };
      this.logger.error(
        { requestId, err: error instanceof Error ? error.message : String(error) },
        'database unavailable: answering 503 SERVICE_UNAVAILABLE until it is back',
      );
    }
    this.burst.count += 1;
    if (this.burst.requestIds.length < MAX_IDS) this.burst.requestIds.push(requestId);
  }

  /** A request reached the database again: closes the burst, if any. */
  recovered(): void {
    const burst = this.burst;
    if (!burst) return;
    this.burst = null;
    this.logger.warn(
      { answered503: burst.count, ms: Date.now() - burst.since, requestIds: burst.requestIds },
      `database back; ${burst.count} requests were answered 503 SERVICE_UNAVAILABLE meanwhile`,
    );
  }
}
