import type { Logger } from 'pino';
import { KeyedCoalescer, KeyedLock } from './coalesce';
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
  /** The last seq put in the queue: rows at or below it are never queued again. */
  lastSeq: number;
  backpressure?: Backpressure;
}

/**
 * Activity fan-out for one instance: per launch, the new rows are read once
 * per notification (from the feed's own cursor) and handed to every
 * subscriber, dropping rows a subscriber already has.
 *
 * Why no subscriber sees a row twice or misses one: per launch, a pull and a
 * subscriber's start (its replay) never overlap — they take turns on the
 * launch's lock. A subscriber joins the launch only after its replay, with
 * `lastSeq` at the replay's last row, and that replay read every row the
 * feed's cursor had passed (the cursor only moves inside a pull, which ended
 * before the replay began): so `lastSeq >= cursor`, and the next pull, which
 * reads every row after the cursor, covers the rest: a notification arriving
 * during the replay asks for that pull, which waits for the replay to end.
 * Each handed row must be
 * above the subscriber's `lastSeq`, which rises with each row queued, so a
 * batch holding the same row twice still queues it once, in order.
 */
export class ActivityFeed<R extends Sequenced> {
  private readonly subscribers = new Map<string, Set<Subscriber<R>>>();
  private readonly cursors = new Map<string, number>();
  /** Subscribers still replaying, per launch: the cursor outlives the last subscriber for them. */
  private readonly joining = new Map<string, number>();
  private readonly locks = new KeyedLock();
  private readonly coalescer: KeyedCoalescer;

  constructor(
    private readonly source: ActivitySource<R>,
    readonly logger: Logger,
  ) {
    this.coalescer = new KeyedCoalescer(
      (id) => this.locks.run(id, () => this.pull(id)),
      (err, launchId) => logger.error({ err, launchId }, 'activity fan-out failed'),
    );
  }

  get launches(): string[] {
    return [...this.subscribers.keys()];
  }

  changed(launchId: string): void {
    // While someone replays, too: that pull waits for the replay, then covers what it missed.
    if (this.subscribers.has(launchId) || this.joining.has(launchId)) this.coalescer.run(launchId);
  }

  /** Replays rows after `after` (none when null), then streams live rows, no gap and no duplicate. */
  async subscribe(
    launchId: string,
    after: number | null,
    backpressure?: Backpressure,
  ): Promise<AsyncIterableIterator<R>> {
    const subscriber: Subscriber<R> = {
      lastSeq: after ?? 0,
      backpressure,
      // Unbounded here: graphql-ws drains it into the socket, and the socket's buffer is what is bounded.
      queue: new PushQueue<R>(() => this.remove(launchId, subscriber)),
    };
    this.joining.set(launchId, (this.joining.get(launchId) ?? 0) + 1);
    try {
      await this.locks.run(launchId, async () => {
        // The first subscriber of a launch starts the cursor at the head read before its
        // replay, so the replay (a later snapshot) reaches at least as far.
        const head = this.cursors.has(launchId) ? null : await this.source.head(launchId);
        if (after === null) subscriber.lastSeq = head ?? (await this.source.head(launchId));
        else this.hand(subscriber, await this.source.after(launchId, after));
        if (head !== null) this.cursors.set(launchId, head);
        let set = this.subscribers.get(launchId);
        if (!set) this.subscribers.set(launchId, (set = new Set()));
        set.add(subscriber);
      });
    } catch (error) {
      void subscriber.queue.return();
      throw error;
    } finally {
      const left = (this.joining.get(launchId) ?? 1) - 1;
      if (left > 0) this.joining.set(launchId, left);
      else {
        this.joining.delete(launchId);
        if (!this.subscribers.has(launchId)) this.cursors.delete(launchId);
      }
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
      if (!this.joining.has(launchId)) this.cursors.delete(launchId);
    }
  }

  /** Queues the rows above the subscriber's `lastSeq`, in seq order, each once. */
  private hand(subscriber: Subscriber<R>, rows: R[]): void {
    const sorted = rows.every((row, i) => i === 0 || rows[i - 1].seq < row.seq)
      ? rows
      : [...rows].sort((a, b) => a.seq - b.seq);
    for (const row of sorted) {
      if (row.seq <= subscriber.lastSeq) continue;
      subscriber.lastSeq = row.seq;
      subscriber.queue.push(row);
    }
  }

  private async pull(launchId: string): Promise<void> {
    const cursor = this.cursors.get(launchId);
    if (cursor === undefined) return;
    const rows = await this.source.after(launchId, cursor);
    // The last subscriber may have left meanwhile (no one can join: the lock is held).
    if (rows.length === 0 || !this.cursors.has(launchId)) return;
    this.cursors.set(launchId, rows[rows.length - 1].seq);
    for (const subscriber of this.subscribers.get(launchId) ?? []) this.hand(subscriber, rows);
  }
}
