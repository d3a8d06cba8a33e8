import type { Logger } from 'pino';
import { KeyedCoalescer } from './coalesce';
import { PushQueue } from './push-queue';

export interface Revisioned {
  revision: number;
}

interface Subscriber<S> {
  queue: PushQueue<S>;
  lastRevision: number;
}

/**
 * Checklist status fan-out for one instance: per launch, the status is
 * computed once per change and pushed to every subscriber, latest-wins,
 * revisions only rising.
 */
export class StatusFeed<S extends Revisioned> {
  private readonly subscribers = new Map<string, Set<Subscriber<S>>>();
  private readonly coalescer: KeyedCoalescer;

  constructor(
    private readonly load: (launchIds: string[]) => Promise<Map<string, S>>,
    logger: Logger,
  ) {
    this.coalescer = new KeyedCoalescer(
      (id) => this.pull(id),
      (err, launchId) => logger.error({ err, launchId }, 'status fan-out failed'),
    );
  }

  get launches(): string[] {
    return [...this.subscribers.keys()];
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  changed(launchId: string): void {
    if (this.subscribers.has(launchId)) this.coalescer.run(launchId);
  }

  /** The current status at once, then one per change. */
  subscribe(launchId: string): AsyncIterableIterator<S> {
    const subscriber: Subscriber<S> = {
      lastRevision: -1,
      queue: new PushQueue<S>(
        () => {
          const set = this.subscribers.get(launchId);
          set?.delete(subscriber);
          if (set && set.size === 0) this.subscribers.delete(launchId);
        },
        { latestOnly: true },
      ),
    };
    let set = this.subscribers.get(launchId);
    if (!set) this.subscribers.set(launchId, (set = new Set()));
    set.add(subscriber);
    this.coalescer.run(launchId);
    return subscriber.queue;
  }

  private async pull(launchId: string): Promise<void> {
    if (!this.subscribers.has(launchId)) return;
    const status = (await this.load([launchId])).get(launchId);
    if (!status) return;
    for (const subscriber of this.subscribers.get(launchId) ?? []) {
      if (status.revision > subscriber.lastRevision) {
        subscriber.lastRevision = status.revision;
        subscriber.queue.push(status);
      }
    }
  }
}
