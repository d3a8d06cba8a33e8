import net from 'node:net';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { buildLaunch, buildPerson, buildTask, type TestPerson } from './support/factories';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app';
import { subscribe, wsClient, wsQuery } from './support/ws';

// PostgreSQL "away" without touching the shared server: the app reaches its database
// through a TCP relay of the test's own; cutting the relay refuses new connections and
// drops every open one (the pool's and the listener's), as a restart does.

/** A TCP relay to PostgreSQL that can be cut (every connection dropped) and restored. */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** Collects the app's log lines (pino JSON). */
class LogLines extends Writable {
  readonly lines: Array<Record<string, any>> = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    for (const line of chunk.toString().split('\n')) if (line) this.lines.push(JSON.parse(line));
    done();
  }
}

const ME = `query { me { id name } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status } } }`;
const ACTIVITY = `subscription($launchId: ID!, $after: String) { launchActivity(launchId: $launchId, after: $after) { cursor } }`;
const STATUS = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) { revision closedCount } }`;

let relay: Relay;
let t: TestApp;
let member: TestPerson;
const logs = new LogLines();
let dropDatabase: () => Promise<void>;
let direct: Client; // to the database itself, not through the relay

/** Polls `probe` until it returns true; fails after `bound` attempts (no sleeps as assertions). */
async function eventually(probe: () => Promise<boolean>, bound = 200): Promise<number> {
  for (let attempt = 1; attempt <= bound; attempt += 1) {
    if (await probe()) return attempt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not reached after ${bound} attempts`);
}

async function post(
  query: string,
  variables: Record<string, unknown> = {},
  token = member.token,
): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = () => database.drop();
  direct = new Client({ connectionString: database.url });
  await direct.connect();
  const url = new URL(database.url);
  relay = new Relay(url.hostname, Number(url.port));
  await relay.up();
  url.hostname = '127.0.0.1';
  url.port = String(relay.port);
  t = await startTestApp({ DATABASE_URL: url.toString() }, logs);
  member = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'PM' });
});
afterAll(async () => {
  await relay.up().catch(() => undefined);
  await t?.dispose();
  await relay.down();
  await direct?.end();
  await dropDatabase?.();
});

describe('PostgreSQL away', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, /readyz 503, logs the burst once, and recovers; a subscriber stays and ends on the committed state', async () => {
    const launch = await buildLaunch(t, { pm: member });
    const task = await buildTask(t, launch);
    const { client } = wsClient(t.wsUrl, member.token);
    const status = subscribe(client, STATUS, { launchId: launch.id });
    const initial = (await status.next()).checklistStatusChanged;
    const readyz = t.url.replace(/\/graphql$/, '/readyz');
    logs.lines.length = 0;

    await relay.down();
    const answers = [];
    for (let i = 0; i < 20; i += 1) {
      answers.push(
        await (i % 2 ? post(ME) : post(UPDATE, { input: { id: task.id, status: 'DONE' } })),
      );
    }
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('2');
      expect(answer.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    const ready = await fetch(readyz);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('2');

    await relay.up();
    const attempts = await eventually(async () => (await post(ME)).status === 200);
    expect(attempts).toBeLessThan(100); // back within 5 s of the database
    expect((await fetch(readyz)).status).toBe(200);
    const write = await post(UPDATE, { input: { id: task.id, status: 'DONE' } });
    expect(write.body.errors).toBeUndefined();

    // One line when the burst began, one when it ended, with every request id.
    const began = logs.lines.filter((l) => /^database unavailable/.test(l.msg));
    const ended = logs.lines.filter((l) => /^database back/.test(l.msg));
    expect(began).toHaveLength(1);
    expect(began[0].requestId).toEqual(expect.any(String));
    expect(ended).toHaveLength(1);
    expect(ended[0].answered503).toBe(20);
    expect(ended[0].requestIds).toHaveLength(20);
    expect(logs.lines.filter((l) => l.msg === 'unexpected error')).toEqual([]);

    // The subscriber stayed connected and ends on the committed revision.
    let latest = status.values[status.values.length - 1].checklistStatusChanged;
    while (latest.closedCount < 1) latest = (await status.next()).checklistStatusChanged;
    expect(latest.revision).toBe(initial.revision + 1);
    const {
      rows: [{ checklist_revision: committed }],
    } = await direct.query<{ checklist_revision: number }>(
      'SELECT checklist_revision FROM launches WHERE id = $1',
      [Buffer.from(launch.id, 'base64url').toString().split(':')[1]],
    );
    expect(latest.revision).toBe(committed);
    status.dispose();
    await client.dispose();
  });
});

describe('PostgreSQL away, over graphql-ws', () => {
  it('answers operations on an open socket with SERVICE_UNAVAILABLE, closes new sockets 1013, and serves again when it is back', async () => {
    const launch = await buildLaunch(t, { pm: member });
    const { client } = wsClient(t.wsUrl, member.token);
    expect((await wsQuery(client, ME)).data?.me.name).toBe(member.name);
    logs.lines.length = 0;

    await relay.down();
    const query = await wsQuery(client, ME);
    expect(query.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(query.errors?.[0].extensions.retryAfterSeconds).toBe(2);
    const activity = subscribe(client, ACTIVITY, { launchId: launch.id, after: null });
    const [error] = await activity.error;
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    const fresh = wsClient(t.wsUrl, member.token);
    expect(await fresh.closed).toBe(1013);
    expect(logs.lines.filter((l) => /^database unavailable/.test(l.msg))).toHaveLength(1);
    expect(logs.lines.filter((l) => l.msg === 'unexpected error')).toEqual([]);

    await relay.up();
    await eventually(async () => (await post(ME)).status === 200);
    expect((await wsQuery(client, ME)).data?.me.name).toBe(member.name);
    await client.dispose();
  });
});

describe('dead pooled connections', () => {
  const TERMINATE_IDLE = `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'launch-planning-api'
      AND state = 'idle' AND pid <> pg_backend_pid()`;

  it('replaces connections terminated while idle: the next read and the next mutation succeed, 8 rounds each', async () => {
    const launch = await buildLaunch(t, { pm: member });
    const task = await buildTask(t, launch);
    let terminated = 0;
    for (let round = 0; round < 8; round += 1) {
      // Several idle connections in the pool, then every one of them killed by the server.
      await Promise.all(Array.from({ length: 6 }, () => post(ME)));
      terminated += (await direct.query<{ n: number }>(TERMINATE_IDLE)).rows[0].n;
      const read = await post(ME); // authentication reads first
      expect(read.status).toBe(200);
      expect(read.body.errors).toBeUndefined();

      await Promise.all(Array.from({ length: 6 }, () => post(ME)));
      terminated += (await direct.query<{ n: number }>(TERMINATE_IDLE)).rows[0].n;
      // The bootstrap token reads nothing: the mutation's START TRANSACTION comes first.
      const status = round % 2 ? 'IN_PROGRESS' : 'TODO';
      const write = await t.gql(UPDATE, { input: { id: task.id, status } });
      expect(write.errors).toBeUndefined();
      expect(write.status).toBe(200);
    }
    expect(terminated).toBeGreaterThanOrEqual(16);
    expect(logs.lines.filter((l) => l.msg === 'unexpected error')).toEqual([]);
  });
});
