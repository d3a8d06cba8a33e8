import pg from 'pg';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { LatestValueQueue } from './latest-queue';

export const LAUNCH_CHANNEL = 'launch_changed';

/** Queued in the transaction; PostgreSQL delivers it to every listener only at COMMIT. */
export async function notifyLaunchChanged(manager: EntityManager, launchId: string): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [LAUNCH_CHANNEL, launchId]);
}

export interface Revisioned {
  revision: number;
}

interface Subscriber<S> {
  queue: LatestValueQueue<S>;
  lastRevision: number;
}

/**
 * Per instance: one dedicated LISTEN connection (not from the pool). On a
 * notification, or after the listener reconnects, each affected launch's
 * status is computed once and pushed to this instance's subscribers, so the
 * work per change does not grow with the number of subscribers.
 */
export class LaunchEvents<S extends Revisioned> {
  private readonly subscribers = new Map<string, Set<Subscriber<S>>>();
  private readonly refreshing = new Map<string, { dirty: boolean }>();
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 100;

  constructor(
    private readonly options: {
      url: string;
      logger: Logger;
      load: (launchIds: string[]) => Promise<Map<string, S>>;
    },
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const set of this.subscribers.values()) for (const s of set) void s.queue.return();
    await this.client?.end().catch(() => undefined);
  }

  /** Subscribers across all launches (for benchmarks and tests). */
  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Streams the launch's status: the current one at once, then one per change, revisions only rising. */
  subscribe(launchId: string): AsyncIterableIterator<S> {
    const subscriber: Subscriber<S> = {
      lastRevision: -1,
      queue: new LatestValueQueue<S>(() => {
        const set = this.subscribers.get(launchId);
        set?.delete(subscriber);
        if (set && set.size === 0) this.subscribers.delete(launchId);
      }),
    };
    let set = this.subscribers.get(launchId);
    if (!set) this.subscribers.set(launchId, (set = new Set()));
    set.add(subscriber);
    this.refresh(launchId);
    return subscriber.queue;
  }

  private deliver(launchId: string, status: S): void {
    for (const subscriber of this.subscribers.get(launchId) ?? []) {
      if (status.revision > subscriber.lastRevision) {
        subscriber.lastRevision = status.revision;
        subscriber.queue.push(status);
      }
    }
  }

  /** Computes the status once per launch; changes arriving meanwhile cause one more pass. */
  private refresh(launchId: string): void {
    const running = this.refreshing.get(launchId);
    if (running) {
      running.dirty = true;
      return;
    }
    const state = { dirty: false };
    this.refreshing.set(launchId, state);
    void (async () => {
      try {
        do {
          state.dirty = false;
          if (!this.subscribers.has(launchId)) break;
          const status = (await this.options.load([launchId])).get(launchId);
          if (status) this.deliver(launchId, status);
        } while (state.dirty && !this.stopped);
      } catch (error) {
        this.options.logger.error({ err: error, launchId }, 'checklist status refresh failed');
      } finally {
        this.refreshing.delete(launchId);
      }
    })();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'launch-planning-listener' });
    client.on('notification', (message) => {
      if (message.channel === LAUNCH_CHANNEL && message.payload) this.refresh(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('listener connection ended')));
    await client.connect();
    await client.query(`LISTEN ${LAUNCH_CHANNEL}`);
    this.client = client;
    this.retryMs = 100;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.options.logger.warn({ err: error }, 'event listener lost; reconnecting');
    void client.end().catch(() => undefined);
    const retry = async (): Promise<void> => {
      if (this.stopped) return;
      try {
        await this.connect();
        this.options.logger.info({ launches: this.subscribers.size }, 'event listener recovered; catching up');
        for (const launchId of this.subscribers.keys()) this.refresh(launchId);
      } catch (retryError) {
        this.options.logger.warn({ err: retryError, retryMs: this.retryMs }, 'event listener reconnect failed');
        this.retryMs = Math.min(this.retryMs * 2, 5000);
        setTimeout(() => void retry(), this.retryMs);
      }
    };
    setTimeout(() => void retry(), this.retryMs);
  }
}
