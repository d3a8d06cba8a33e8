import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Command, GraphQLRequest, ReplyFor } from './protocol';

type SubscribeCommand = Extract<Command, { kind: 'subscribe' }>;
type ChangeCommand = Extract<Command, { kind: 'change' }>;
type BroadcastCommand = Extract<Command, { kind: 'broadcast' }>;

/** Sockets opened at a time. */
const CONNECT_BATCH = 200;
const SUBSCRIPTION_ID = 's';
const NEXT_PREFIX = `{"id":"${SUBSCRIPTION_ID}","type":"next","payload":`;
const REVISION = /"revision":(\d+)/;

interface Subscriber {
  socket: WebSocket;
  revision: number;
  /** The message count when the running measurement started (floor). */
  messages: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function post(url: string, token: string | null, body: unknown): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`POST ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text;
}

/**
 * The subscribers of the fan-out scenarios, in the load client: graphql-ws
 * spoken by hand over `ws` (one subscription per socket), or plain sockets
 * to the raw broadcast floor. Client work stays light so the client does not
 * become the bottleneck it measures.
 */
export class SubscriberPool {
  private subscribers: Subscriber[] = [];
  private changeStarted = 0;
  private target = -1;
  private delivered = 0;
  private deliveryMs: number[] = [];
  private onProgress: (() => void) | null = null;
  private mode: 'graphql' | 'floor' = 'graphql';

  private connect(command: SubscribeCommand): Promise<Subscriber> {
    return new Promise((resolve, reject) => {
      const graphql = command.mode === 'graphql';
      const socket = new WebSocket(command.wsUrl, graphql ? 'graphql-transport-ws' : undefined);
      const subscriber: Subscriber = { socket, revision: -1, messages: 0 };
      socket.on('error', reject);
      socket.on('open', () => {
        if (!graphql) return resolve(subscriber);
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${command.token}` },
          }),
        );
      });
      socket.on('message', (data) => {
        const text = Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data);
        if (graphql && text.startsWith('{"type":"connection_ack"')) {
          socket.send(
            JSON.stringify({ id: SUBSCRIPTION_ID, type: 'subscribe', payload: command.request }),
          );
          return resolve(subscriber);
        }
        this.onMessage(subscriber, text);
      });
    });
  }

  private onMessage(subscriber: Subscriber, text: string): void {
    const now = performance.now();
    subscriber.messages += 1;
    if (this.mode === 'graphql') {
      if (!text.startsWith(NEXT_PREFIX))
        throw new Error(`unexpected message ${text.slice(0, 300)}`);
      const revision = Number(REVISION.exec(text)?.[1] ?? -1);
      const first = subscriber.revision < 0;
      subscriber.revision = Math.max(subscriber.revision, revision);
      if (this.changeStarted > 0 && !first && revision > this.target) {
        this.delivered += 1;
        this.deliveryMs.push(now - this.changeStarted);
      }
    } else if (this.changeStarted > 0) {
      this.delivered += 1;
      this.deliveryMs.push(now - this.changeStarted);
    }
    this.onProgress?.();
  }

  private async waitUntil(
    done: () => boolean,
    timeoutMs: number,
    what: () => string,
  ): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      if (performance.now() > deadline) throw new Error(`timed out: ${what()}`);
      await new Promise<void>((resolve) => {
        this.onProgress = resolve;
        setTimeout(resolve, 50);
      });
      this.onProgress = null;
    }
  }

  async open(command: SubscribeCommand): Promise<ReplyFor<'subscribe'>> {
    if (this.subscribers.length > 0) throw new Error('subscribers already open');
    this.mode = command.mode;
    const started = performance.now();
    for (let i = 0; i < command.subscribers; i += CONNECT_BATCH) {
      const batch = Math.min(CONNECT_BATCH, command.subscribers - i);
      this.subscribers.push(
        ...(await Promise.all(Array.from({ length: batch }, () => this.connect(command)))),
      );
    }
    if (command.mode === 'graphql') {
      await this.waitUntil(
        () => this.subscribers.every((s) => s.revision >= 0),
        command.timeoutMs,
        () =>
          `${this.subscribers.filter((s) => s.revision >= 0).length} of ${command.subscribers} have the initial status`,
      );
    }
    return {
      kind: 'subscribe',
      setupMs: performance.now() - started,
      sockets: this.subscribers.length,
      revision: this.currentRevision(),
    };
  }

  private currentRevision(): number {
    const revisions = new Set(this.subscribers.map((s) => s.revision));
    if (revisions.size > 1)
      throw new Error(`subscribers disagree on the revision: ${[...revisions].join(', ')}`);
    return revisions.size === 0 ? -1 : [...revisions][0];
  }

  private begin(): void {
    this.target = this.currentRevision();
    this.delivered = 0;
    this.deliveryMs = [];
    this.changeStarted = performance.now();
  }

  /** One mutation over HTTP; resolves once every subscriber has the change. */
  async change(command: ChangeCommand): Promise<ReplyFor<'change'>> {
    this.begin();
    const started = this.changeStarted;
    try {
      await post(command.url, command.token, command.request);
      const mutationMs = performance.now() - started;
      await this.waitUntil(
        () => this.delivered >= this.subscribers.length,
        command.timeoutMs,
        () => `${this.delivered} of ${this.subscribers.length} delivered`,
      );
      return { kind: 'change', deliveryMs: this.deliveryMs, mutationMs };
    } finally {
      this.changeStarted = 0;
    }
  }

  /** The floor: POST /broadcast; every socket gets the one pre-serialised message. */
  async broadcast(command: BroadcastCommand): Promise<ReplyFor<'broadcast'>> {
    this.begin();
    try {
      await post(command.url, null, '{}');
      await this.waitUntil(
        () => this.delivered >= this.subscribers.length,
        command.timeoutMs,
        () => `${this.delivered} of ${this.subscribers.length} got the floor message`,
      );
      return { kind: 'broadcast', deliveryMs: this.deliveryMs };
    } finally {
      this.changeStarted = 0;
    }
  }

  async close(): Promise<number> {
    const subscribers = this.subscribers.splice(0);
    for (const s of subscribers) s.socket.close();
    const deadline = performance.now() + 10_000;
    while (
      subscribers.some((s) => s.socket.readyState !== WebSocket.CLOSED) &&
      performance.now() < deadline
    )
      await sleep(20);
    for (const s of subscribers) s.socket.terminate();
    return subscribers.length;
  }
}

export type { GraphQLRequest };
