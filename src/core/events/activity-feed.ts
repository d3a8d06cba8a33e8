import type { Logger } from 'pino';
import { KeyedCoalescer } from './coalesce';
import { PushQueue } from './push-queue';

export interface Sequenced {
  seq: number;
}

export interface ActivitySource<R extends Sequenced> {
  /** Rows of a launch with seq > after, in seq order. */
  after(launchId: string, after: number): Promise<R[]>;
  /** The launch's latest seq (0 when none). */
  head(launchId: string): Promise<number>;
}

export interface Backpressure {
  /** True when the subscriber's socket holds more unsent data than allowed. */
  overloaded(): boolean;
  /** Ends the subscriber (closes its socket with a clear code). */
  shed(): void;
}

interface Subscriber<R> {
  queue: PushQueue<R>;
  /** null while replaying: live rows wait in `held`. */
  lastSeq: number | null;
  held: R[];
  backpressure?: Backpressure;
}

/**
 * Activity fan-out for one instance: per launch, the new rows are read once
 * per notification (from the feed's own cursor) and handed to every
 * subscriber, dropping rows a subscriber already has.
 */
export class ActivityFeed<R extends Sequenced> {
  private readonly subscribers = new Map<string, Set<Subscriber<R>>>();
  private readonly cursors = new Map<string, number>();
  private readonly coalescer: KeyedCoalescer;

  constructor(
    private readonly source: ActivitySource<R>,
    readonly logger: Logger,
  ) {
    this.coalescer = new KeyedCoalescer(
      (id) => this.pull(id),
      (err, launchId) => logger.error({ err, launchId }, 'activity fan-out failed'),
    );
  }

  get launches(): string[] {
    return [...this.subscribers.keys()];
  }

  changed(launchId: string): void {
    if (this.subscribers.has(launchId)) this.coalescer.run(launchId);
  }

  /** Replays rows after `after` (none when null), then streams live rows, no gap and no duplicate. */
  async subscribe(
    launchId: string,
    after: number | null,
    backpressure?: Backpressure,
  ): Promise<AsyncIterableIterator<R>> {
    if (!this.cursors.has(launchId)) this.cursors.set(launchId, await this.source.head(launchId));
    const subscriber: Subscriber<R> = {
      lastSeq: null,
      held: [],
      backpressure,
      // Unbounded here: graphql-ws drains it into the socket, and the socket's buffer is what is bounded.
      queue: new PushQueue<R>(() => this.remove(launchId, subscriber)),
    };
    let set = this.subscribers.get(launchId);
    if (!set) this.subscribers.set(launchId, (set = new Set()));
    set.add(subscriber);
    this.coalescer.run(launchId);
    try {
      const replay = after === null ? [] : await this.source.after(launchId, after);
      subscriber.lastSeq = after ?? (await this.source.head(launchId));
      this.hand(subscriber, [...replay, ...subscriber.held.splice(0)]);
    } catch (error) {
      void subscriber.queue.return();
      throw error;
    }
    return this.guarded(subscriber);
  }

  /** Checks the socket's backlog each time graphql-ws takes the next row to send. */
  private guarded(subscriber: Subscriber<R>): AsyncIterableIterator<R> {
    const { queue, backpressure } = subscriber;
    if (!backpressure) return queue;
    const feed = this;
    return {
      next() {
        if (backpressure.overloaded()) {
          feed.logger.warn(
            { lastSeq: subscriber.lastSeq },
            'activity subscriber too slow; closing',
          );
          backpressure.shed();
          return queue.return();
        }
        return queue.next();
      },
      return: () => queue.return(),
      throw: (error?: unknown) => queue.throw(error),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private remove(launchId: string, subscriber: Subscriber<R>): void {
    const set = this.subscribers.get(launchId);
    set?.delete(subscriber);
    if (set && set.size === 0) {
      this.subscribers.delete(launchId);
      this.cursors.delete(launchId);
    }
  }

  private hand(subscriber: Subscriber<R>, rows: R[]): void {
    if (subscriber.lastSeq === null) {
      subscriber.held.push(...rows);
      return;
    }
    const fresh = rows
      .filter((row) => row.seq > (subscriber.lastSeq as number))
      .sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return;
    subscriber.lastSeq = fresh[fresh.length - 1].seq;
    for (const row of fresh) subscriber.queue.push(row);
  }

  private async pull(launchId: string): Promise<void> {
    const cursor = this.cursors.get(launchId);
    if (cursor === undefined) return;
    const rows = await this.source.after(launchId, cursor);
    if (rows.length === 0) return;
    if (this.cursors.has(launchId)) this.cursors.set(launchId, rows[rows.length - 1].seq);
    for (const subscriber of this.subscribers.get(launchId) ?? []) this.hand(subscriber, rows);
  }
}
