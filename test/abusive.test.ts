import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { MAIN, runNode, waitForOutput, type Started } from './support/built';
import { leftover } from './support/leftovers';
import { ADMIN_TOKEN, createTestDatabase } from './support/test-app';

// Abusive clients against the real server in a child process (its memory is its own):
// every query here is refused in under 1 s, over HTTP and over graphql-ws, and the
// server's resident memory grows by less than 50 MB over all of them.

const LIMIT_MS = 1000;
const MEMORY_MB = 50;

let db: { url: string; drop(): Promise<void> };
let server: Started;
let url: string;
let wsUrl: string;
let launchId: string;
let memberToken: string;
/** The server's resident memory after the warm-up. */
let baselineMb: number;
const measured: Array<{ name: string; ms: number; rssMb: number }> = [];

function rssMb(): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...headers,
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: any[] } };
}

function socket(token = ADMIN_TOKEN): {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
} {
  let done: (value: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    done = resolve;
  });
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: (event) => done(event as { code: number; reason: string }) },
    onNonLazyError: () => undefined,
  });
  leftover(() => client.dispose());
  return { client, closed };
}

function wsErrors(client: Client, query: string): Promise<any[]> {
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query },
      {
        next: (value) => resolve((value.errors as any[]) ?? []),
        error: (error) => (Array.isArray(error) ? resolve(error) : reject(error)),
        complete: () => undefined,
      },
    );
  });
}

interface RawSocket {
  socket: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * A graphql-ws connection on a bare socket (no client library in the way of the timing):
 * resolves once acknowledged; rejects with "code reason" and `ms` (from connection_init to
 * the close) when the server closes it instead.
 */
function rawSocket(token: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    let sent = 0;
    let acknowledged = false;
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      socket.on('close', (code, reason) => {
        const text = reason.toString();
        if (!acknowledged) {
          reject(Object.assign(new Error(`${code} ${text}`), { ms: performance.now() - sent }));
        }
        done({ code, reason: text });
      });
    });
    socket.on('open', () => {
      sent = performance.now();
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      );
    });
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString()) as { type: string };
      if (message.type !== 'connection_ack' || acknowledged) return;
      acknowledged = true;
      resolve({ socket, closed });
    });
    socket.on('error', () => undefined);
    leftover(async () => {
      socket.terminate();
    });
  });
}

/**
 * Runs one abusive attempt, timing it and noting the server's memory after it; a refusal
 * must come in under 1 s (`refused: false` for what the limits let through: timed, not bound).
 */
async function timed<T>(
  name: string,
  attempt: () => Promise<T>,
  { refused } = { refused: true },
): Promise<T> {
  const started = performance.now();
  const result = await attempt();
  const ms = performance.now() - started;
  const mb = rssMb();
  measured.push({ name, ms, rssMb: mb });
  if (refused) expect(ms).toBeLessThan(LIMIT_MS);
  expect(mb - baselineMb).toBeLessThan(MEMORY_MB);
  return result;
}

const hops = (n: number) =>
  `{ launch(id: "${'x'}") { ${'tasks(first: 1) { edges { node { launch { '.repeat(n)}id${' } } } }'.repeat(n)} } }`;
const queries: Array<[string, () => string, RegExp]> = [
  ['200 levels deep', () => hops(50), /Query depth limit of 12 exceeded, found 202/],
  [
    '21 aliases of a connection',
    () =>
      `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: launches(first: 100) { totalCount }`).join(' ')} }`,
    /Aliases limit of 20 exceeded, found 21/,
  ],
  [
    '1,000 aliases (over the token limit)',
    () =>
      `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: launches(first: 100) { totalCount }`).join(' ')} }`,
    /Document contains more that 1000 tokens/,
  ],
  [
    'launches → tasks → launch → tasks at first: 100',
    () =>
      `{ launches(first: 100) { edges { node { tasks(first: 100) { edges { node { launch { tasks(first: 100) { edges { node { id title } } } } } } } } } } }`,
    /Query cost limit of 5000 exceeded, found \d+/,
  ],
  [
    'fragment bomb (20 spreads × 4 levels)',
    () => {
      let fragments = 'fragment V0 on Query { launches(first: 100) { totalCount } }\n';
      for (let i = 1; i <= 4; i += 1)
        fragments += `fragment V${i} on Query { ${`...V${i - 1} `.repeat(20)} }\n`;
      return `{ ...V4 }\n${fragments}`;
    },
    /Query cost limit of 5000 exceeded/,
  ],
  [
    '11 directives',
    () =>
      `{ me { ${Array.from({ length: 11 }, (_, i) => `f${i}: id @include(if: true)`).join(' ')} } }`,
    /Directives limit of 10 exceeded, found 11/,
  ],
  [
    '900 kB of fields (over the token limit)',
    () => `{ ${'me { id } '.repeat(90_000)} }`,
    /Document contains more that 1000 tokens/,
  ],
];

beforeAll(async () => {
  db = await createTestDatabase();
  server = runNode([MAIN], {
    env: {
      DATABASE_URL: db.url,
      PORT: '0',
      ADMIN_TOKEN,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
    },
  });
  leftover(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  [, url] = await waitForOutput(server, /GraphQL \(HTTP and WebSocket\): (\S+)/);
  wsUrl = url.replace(/^http/, 'ws');
  // Something to read: a TIER_1 launch with its template tasks.
  const people = await post(
    JSON.stringify({
      query: `mutation($pm: CreatePersonInput!, $pmm: CreatePersonInput!) {
        pm: createPerson(input: $pm) { person { id } } pmm: createPerson(input: $pmm) { person { id } } }`,
      variables: {
        pm: { name: 'Abuse PM', email: 'abuse-pm@example.com', discipline: 'PM' },
        pmm: { name: 'Abuse PMM', email: 'abuse-pmm@example.com', discipline: 'PMM' },
      },
    }),
  );
  const { pm, pmm } = people.body.data as Record<string, { person: { id: string } }>;
  const launch = await post(
    JSON.stringify({
      query: `mutation($input: CreateLaunchInput!) { createLaunch(input: $input) { launch { id } } }`,
      variables: {
        input: {
          name: 'Abused',
          product: 'Target',
          tier: 'TIER_1',
          launchDate: '2030-06-03',
          pmOwnerId: pm.person.id,
          pmmOwnerId: pmm.person.id,
        },
      },
    }),
  );
  launchId = (launch.body.data as any).createLaunch.launch.id;
  const minted = await post(
    JSON.stringify({
      query: `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      variables: { input: { personId: pm.person.id, label: 'many sockets' } },
    }),
  );
  memberToken = (minted.body.data as any).createApiToken.token;
  // Warm up both paths, so memory compares steady state with steady state.
  for (let i = 0; i < 20; i += 1) await post(JSON.stringify({ query: '{ me { id } }' }));
  const warm = socket();
  expect(await wsErrors(warm.client, '{ __typename }')).toEqual([]);
  await warm.client.dispose();
  baselineMb = rssMb();
}, 120_000);

afterAll(async () => {
  const worst = [...measured].sort((a, b) => b.ms - a.ms)[0];
  console.log(
    [
      'abusive queries (ms, server RSS MB after):',
      ...measured.map(
        (m) => `  ${m.ms.toFixed(0).padStart(5)} ms  ${m.rssMb.toFixed(1)} MB  ${m.name}`,
      ),
      `  worst: ${worst?.name} in ${worst?.ms.toFixed(0)} ms; RSS after warm-up ${baselineMb?.toFixed(1)} MB`,
    ].join('\n'),
  );
  server.child.kill('SIGTERM');
  await server.exited;
  await db.drop();
});

describe('abusive queries against a server process', () => {
  it.each(queries)('HTTP: %s is refused in under 1 s', async (name, query, message) => {
    const res = await timed(`HTTP ${name}`, () => post(JSON.stringify({ query: query() })));
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors![0].message).toMatch(message);
    expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(
      res.body.errors![0].extensions.code,
    );
  });

  it.each(queries)('graphql-ws: %s is refused in under 1 s', async (name, query, message) => {
    const { client } = socket();
    try {
      const errors = await timed(`ws ${name}`, () => wsErrors(client, query()));
      expect(errors[0].message).toMatch(message);
    } finally {
      await client.dispose();
    }
  });

  it('HTTP: a 2 MB body is 413 in under 1 s', async () => {
    const body = JSON.stringify({
      query: '{ me { id } }',
      variables: { pad: 'x'.repeat(2_000_000) },
    });
    const res = await timed('HTTP 2 MB body', () => post(body));
    expect(res.status).toBe(413);
    expect(res.body.errors![0].extensions.code).toBe('BAD_REQUEST');
  });

  it('HTTP: a batch of 1,000 operations is refused in under 1 s', async () => {
    const batch = JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' })));
    const res = await timed('HTTP batch of 1,000', () => post(batch));
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
  });

  it('graphql-ws: a 2 MB frame closes the socket (1009) in under 1 s', async () => {
    const { client, closed } = socket();
    const result = await timed('ws 2 MB frame', async () => {
      client.subscribe(
        { query: '{ me { id } }', variables: { pad: 'x'.repeat(2_000_000) } },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      return closed;
    });
    expect(result.code).toBe(1009);
  });

  it('graphql-ws: 1,000 subscriptions on one socket close it (4429) in under 1 s', async () => {
    const raw = await rawSocket(ADMIN_TOKEN);
    const subscribe = (i: number) =>
      JSON.stringify({
        id: String(i),
        type: 'subscribe',
        payload: {
          query: `subscription { checklistStatusChanged(launchId: "${launchId}") { revision } }`,
        },
      });
    // The 100 the socket may hold, running (each has sent its first status)...
    const first = new Set<string>();
    const running = new Promise<void>((resolve) => {
      raw.socket.on('message', (data) => {
        const message = JSON.parse((data as Buffer).toString()) as { id?: string; type: string };
        if (message.type === 'next' && message.id) first.add(message.id);
        if (first.size === 100) resolve();
      });
    });
    for (let i = 0; i < 100; i += 1) raw.socket.send(subscribe(i));
    await running;
    // ...then 900 more at once: the first of them closes the socket.
    const result = await timed('ws 900 subscriptions beyond 100 running', () => {
      for (let i = 100; i < 1000; i += 1) raw.socket.send(subscribe(i));
      return raw.closed;
    });
    expect(result).toEqual({
      code: 4429,
      reason: 'Too many operations on this socket (at most 100)',
    });
  });

  it('graphql-ws: 100 sockets for one token, those beyond 64 closed with 4429 in under 1 s each', async () => {
    // A token of its own: the other tests' sockets (the bootstrap admin's) do not count.
    const opened = await Promise.all(
      Array.from({ length: 100 }, () => rawSocket(memberToken).catch((error: Error) => error)),
    );
    const refused = opened.filter((o): o is Error => o instanceof Error);
    const admitted = opened.filter((o): o is RawSocket => !(o instanceof Error));
    expect(refused.map((e) => e.message)).toEqual(
      Array.from({ length: 36 }, () => '4429 Too many sockets for this token (at most 64)'),
    );
    expect(admitted).toHaveLength(64);
    // Each refusal: from its connection_init to the close frame.
    const worst = Math.max(...refused.map((e) => (e as Error & { ms: number }).ms));
    measured.push({
      name: 'ws 100 sockets for one token (worst refusal)',
      ms: worst,
      rssMb: rssMb(),
    });
    expect(worst).toBeLessThan(LIMIT_MS);
    expect(rssMb() - baselineMb).toBeLessThan(MEMORY_MB);
    for (const a of admitted) a.socket.close();
  });

  it('the dearest document to validate within the limits (166 repeated fields) is answered', async () => {
    // graphql-js compares same-named fields pairwise: the reason the token limit is 1,000.
    const query = `{ ${'me { id name email } '.repeat(166)} }`;
    const res = await timed(
      'HTTP 166 repeated fields (accepted)',
      () => post(JSON.stringify({ query })),
      { refused: false },
    );
    expect(res.body.errors).toBeUndefined();
  });
});
