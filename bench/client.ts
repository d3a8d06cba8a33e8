/**
 * The load client, forked by run.ts: it sends requests, runs autocannon and
 * holds the graphql-ws subscribers in a process of its own, so the server's
 * event loop, RSS and timings are not mixed with the client's.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Command, CommandMessage, Reply, ReplyFor, ReplyMessage } from './protocol';
import { post, SubscriberPool } from './subscribers';

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

const pool = new SubscriberPool();

async function sequential(command: CommandOf<'sequential'>): Promise<ReplyFor<'sequential'>> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  for (const request of command.requests) {
    const t0 = performance.now();
    const response = await fetch(command.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${command.token}` },
      body: JSON.stringify(request),
    });
    const body = await response.text();
    latenciesMs.push(performance.now() - t0);
    if (response.status !== 200 || body.includes('"errors"')) {
      failures += 1;
      firstFailure ??= `HTTP ${response.status} ${body.slice(0, 300)}`;
    }
  }
  return {
    kind: 'sequential',
    latenciesMs,
    elapsedMs: performance.now() - started,
    failures,
    firstFailure,
  };
}

function load(command: CommandOf<'autocannon'>): Promise<ReplyFor<'autocannon'>> {
  return new Promise((resolve, reject) => {
    const latenciesMs: number[] = [];
    const instance = autocannon(
      {
        url: command.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${command.token}` },
        body: JSON.stringify(command.request),
        duration: command.durationS,
        connections: command.connections,
        verifyBody: (body) => body.includes(command.expectInBody) && !body.includes('"errors"'),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          kind: 'autocannon',
          latenciesMs,
          elapsedMs: result.duration * 1000,
          errors: result.errors,
          timeouts: result.timeouts,
          mismatches: result.mismatches,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on(
      'response',
      (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
        latenciesMs.push(responseTimeMs);
      },
    );
  });
}

let probing = false;

/** Mutations one after another until `stopProbes` (at least one). */
async function probe(command: CommandOf<'probe'>): Promise<ReplyFor<'probe'>> {
  probing = true;
  const latenciesMs: number[] = [];
  for (let i = 0; probing || i === 0; i += 1) {
    const t0 = performance.now();
    await post(command.url, command.token, command.requests[i % command.requests.length]);
    latenciesMs.push(performance.now() - t0);
  }
  return { kind: 'probe', latenciesMs };
}

async function handle(command: Command): Promise<Reply> {
  switch (command.kind) {
    case 'sequential':
      return sequential(command);
    case 'autocannon':
      return load(command);
    case 'subscribe':
      return pool.open(command);
    case 'change':
      return pool.change(command);
    case 'probe':
      return probe(command);
    case 'stopProbes':
      probing = false;
      return { kind: 'stopProbes' };
    case 'broadcast':
      return pool.broadcast(command);
    case 'unsubscribe':
      return { kind: 'unsubscribe', closed: await pool.close() };
  }
}

function send(message: ReplyMessage): void {
  process.send?.(message);
}

process.on('message', (message: CommandMessage) => {
  handle(message.command).then(
    (reply) => send({ id: message.id, reply }),
    (error: unknown) =>
      send({
        id: message.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});

// The bench went away (finished or crashed): close the sockets and leave.
process.on('disconnect', () => {
  void pool.close().finally(() => process.exit(0));
});
