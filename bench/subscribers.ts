import { performance } from 'node:perf_hooks';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { Command, ReplyFor } from './protocol';

type SubscribeCommand = Extract<Command, { kind: 'subscribe' }>;
type ChangeCommand = Extract<Command, { kind: 'change' }>;

interface Subscriber {
  revision: number;
  /** Set once this subscriber has the revision the running change waits for. */
  delivered: boolean;
}

interface Waiter {
  count: number;
  resolve(): void;
  reject(error: Error): void;
}

interface Socket {
  client: Client;
  closed: Promise<void>;
}

const CONNECT_BATCH = 100;

function revisionOf(
  result: FormattedExecutionResult<Record<string, unknown>, unknown>,
): number | null {
  const status = result.data?.checklistStatusChanged;
  if (typeof status !== 'object' || status === null || !('revision' in status)) return null;
  return typeof status.revision === 'number' ? status.revision : null;
}

/** Opens one graphql-ws socket and resolves once the server accepted connection_init. */
function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((done) => {
      markClosed = done;
    });
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      onNonLazyError: (error) =>
        reject(error instanceof Error ? error : new Error(`socket error: ${String(error)}`)),
      on: {
        connected: () => resolve({ client, closed }),
        closed: () => {
          markClosed();
          reject(new Error('socket closed before connection_ack'));
        },
      },
    });
  });
}

/** Waits for `predicate`-style progress with a deadline; rejects with `describe()` on timeout. */
function waitFor(
  count: number,
  current: () => number,
  timeoutMs: number,
  describe: () => string,
): {
  waiter: Waiter;
  done: Promise<void>;
} {
  const waiter: Waiter = { count, resolve: () => undefined, reject: () => undefined };
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`)),
      timeoutMs,
    );
    waiter.resolve = () => {
      clearTimeout(timer);
      resolve();
    };
    waiter.reject = (error) => {
      clearTimeout(timer);
      reject(error);
    };
    if (current() >= count) waiter.resolve();
  });
  return { waiter, done };
}

/** The graphql-ws side of the fan-out scenario, run in the client process. */
export class SubscriberPool {
  private sockets: Socket[] = [];
  private subscribers: Subscriber[] = [];
  private initialCount = 0;
  private deliveredCount = 0;
  private waiter: Waiter | null = null;
  private changeStarted = 0;
  private deliveryMs: number[] = [];
  /** Revision subscribers had before the running change; they wait for anything newer. */
  private target = -1;

  async open(command: SubscribeCommand): Promise<ReplyFor<'subscribe'>> {
    if (this.sockets.length > 0) throw new Error('subscribers already open');
    const started = performance.now();
    const socketCount = Math.ceil(command.subscribers / command.perSocket);
    for (let i = 0; i < socketCount; i += CONNECT_BATCH) {
      const batch = Math.min(CONNECT_BATCH, socketCount - i);
      this.sockets.push(
        ...(await Promise.all(
          Array.from({ length: batch }, () => connect(command.wsUrl, command.token)),
        )),
      );
    }
    const { waiter, done } = waitFor(
      command.subscribers,
      () => this.initialCount,
      command.timeoutMs,
      () => `${this.initialCount} of ${command.subscribers} subscribers got the initial status`,
    );
    this.waiter = waiter;
    this.initialCount = 0;
    for (let i = 0; i < command.subscribers; i += 1) {
      const subscriber: Subscriber = { revision: -1, delivered: false };
      this.subscribers.push(subscriber);
      this.sockets[Math.floor(i / command.perSocket)].client.subscribe<Record<string, unknown>>(
        command.request,
        {
          next: (result) => this.onResult(subscriber, result),
          error: (error) =>
            this.waiter?.reject(new Error(`subscription error: ${JSON.stringify(error)}`)),
          complete: () => undefined,
        },
      );
    }
    await done;
    this.waiter = null;
    return {
      kind: 'subscribe',
      setupMs: performance.now() - started,
      sockets: this.sockets.length,
      revision: this.currentRevision(),
    };
  }

  private onResult(
    subscriber: Subscriber,
    result: FormattedExecutionResult<Record<string, unknown>, unknown>,
  ): void {
    const revision = revisionOf(result);
    if (result.errors?.length || revision === null) {
      this.waiter?.reject(
        new Error(`unexpected subscription message: ${JSON.stringify(result).slice(0, 300)}`),
      );
      return;
    }
    if (subscriber.revision < 0) this.initialCount += 1;
    subscriber.revision = Math.max(subscriber.revision, revision);
    if (this.changeStarted > 0 && !subscriber.delivered && revision > this.target) {
      subscriber.delivered = true;
      this.deliveredCount += 1;
      this.deliveryMs.push(performance.now() - this.changeStarted);
    }
    const progress = this.changeStarted > 0 ? this.deliveredCount : this.initialCount;
    if (this.waiter && progress >= this.waiter.count) this.waiter.resolve();
  }

  /** The revision every subscriber has; a disagreement is a bench failure. */
  private currentRevision(): number {
    const revisions = new Set(this.subscribers.map((s) => s.revision));
    if (revisions.size > 1)
      throw new Error(`subscribers disagree on the revision: ${[...revisions].join(', ')}`);
    return revisions.size === 0 ? -1 : [...revisions][0];
  }

  async change(command: ChangeCommand): Promise<ReplyFor<'change'>> {
    const fromRevision = this.currentRevision();
    this.target = fromRevision;
    this.deliveredCount = 0;
    this.deliveryMs = [];
    for (const subscriber of this.subscribers) subscriber.delivered = false;
    const { waiter, done } = waitFor(
      this.subscribers.length,
      () => this.deliveredCount,
      command.timeoutMs,
      () =>
        `${this.deliveredCount} of ${this.subscribers.length} subscribers got a revision after ${fromRevision}`,
    );
    this.waiter = waiter;
    this.changeStarted = performance.now();
    const started = this.changeStarted;
    try {
      const response = await fetch(command.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${command.token}` },
        body: JSON.stringify(command.request),
      });
      const body = await response.text();
      const mutationMs = performance.now() - started;
      if (response.status !== 200 || body.includes('"errors"'))
        throw new Error(`mutation failed: ${body.slice(0, 300)}`);
      await done;
      return {
        kind: 'change',
        deliveryMs: this.deliveryMs,
        mutationMs,
        fromRevision,
        toRevision: this.currentRevision(),
      };
    } finally {
      this.changeStarted = 0;
      this.waiter = null;
    }
  }

  async close(): Promise<number> {
    const sockets = this.sockets.splice(0);
    this.subscribers = [];
    for (const socket of sockets) void socket.client.dispose();
    await Promise.race([
      Promise.all(sockets.map((s) => s.closed)),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    return sockets.length;
  }
}
