import pg from 'pg';
import type { Logger } from 'pino';
import {
  ActivityFeed,
  type ActivitySource,
  type Backpressure,
  type Sequenced,
} from './activity-feed';
import { StatusFeed, type Revisioned } from './status-feed';

/** Sent by triggers when a token is revoked or a person's access changes (migration Hardening). */
export const ACCESS_CHANNEL = 'access_changed';

/** Where launch changes are announced, and how to read one announcement (the activity module's). */
export interface LaunchChannel {
  name: string;
  parse(payload: string): { launchId: string; checklist: boolean } | null;
}

/**
 * Per instance: one dedicated LISTEN connection (not from the pool). On a
 * notification, or after the listener reconnects, each affected launch's
 * status and new activity rows are read once and pushed to this instance's
 * subscribers: the work per change does not grow with the subscribers.
 */
export class LaunchEvents<S extends Revisioned, R extends Sequenced> {
  readonly status: StatusFeed<S>;
  readonly activity: ActivityFeed<R>;
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 100;
  /** Told of every `access_changed` payload, and (with null) after the listener reconnects. */
  onAccessChanged: (payload: string | null) => void = () => undefined;

  constructor(
    private readonly options: {
      url: string;
      logger: Logger;
      loadStatuses: (launchIds: string[]) => Promise<Map<string, S>>;
      activity: ActivitySource<R>;
      channel: LaunchChannel;
    },
  ) {
    this.status = new StatusFeed(options.loadStatuses, options.logger);
    this.activity = new ActivityFeed(options.activity, options.logger);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  /** The listening connection's backend pid (tests terminate it to simulate loss). */
  get listenerPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  /** Live checklist-status subscribers on this instance. */
  get subscriberCount(): number {
    return this.status.subscriberCount;
  }

  subscribeStatus(launchId: string): AsyncIterableIterator<S> {
    return this.status.subscribe(launchId);
  }

  subscribeActivity(
    launchId: string,
    after: number | null,
    backpressure?: Backpressure,
  ): Promise<AsyncIterableIterator<R>> {
    return this.activity.subscribe(launchId, after, backpressure);
  }

  private onNotification(payload: string): void {
    const event = this.options.channel.parse(payload);
    if (!event) return;
    if (event.checklist) this.status.changed(event.launchId);
    this.activity.changed(event.launchId);
  }

  private catchUp(): void {
    for (const launchId of this.status.launches) this.status.changed(launchId);
    for (const launchId of this.activity.launches) this.activity.changed(launchId);
    this.onAccessChanged(null);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: 'launch-planning-listener',
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel.name && message.payload)
        this.onNotification(message.payload);
      if (message.channel === ACCESS_CHANNEL && message.payload)
        this.onAccessChanged(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('listener connection ended')));
    await client.connect();
    await client.query(`LISTEN ${this.options.channel.name}; LISTEN ${ACCESS_CHANNEL}`);
    this.client = client;
    this.retryMs = 100;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.options.logger.warn({ err: error.message }, 'event listener lost; reconnecting');
    void client.end().catch(() => undefined);
    const retry = async (): Promise<void> => {
      if (this.stopped) return;
      try {
        await this.connect();
        this.options.logger.info(
          { retryMs: this.retryMs },
          'event listener recovered; catching up from the table',
        );
        this.catchUp();
      } catch (retryError) {
        this.retryMs = Math.min(this.retryMs * 2, 1000);
        this.options.logger.warn(
          { err: String(retryError), retryMs: this.retryMs },
          'event listener reconnect failed',
        );
        setTimeout(() => void retry(), this.retryMs);
      }
    };
    setTimeout(() => void retry(), this.retryMs);
  }
}
