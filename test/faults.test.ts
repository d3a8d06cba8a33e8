import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Client as WsClient } from 'graphql-ws';
import { buildLaunch, buildPerson, buildTask, type TestPerson } from './support/factories';
import { uuidOf } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { wsClient } from './support/ws';

// PostgreSQL stopped and started under load: a cluster of this test's own (the compiled
// embedded-postgres module in a child process, restarted on the same port), two app
// instances on it, 10 writers and resuming activity subscribers on both instances.

const ROOT = path.join(__dirname, '..');
const MODULE = path.join(ROOT, 'dist/src/core/db/embedded-postgres.js');
const CLUSTER = `
  const pino = require('pino');
  const readline = require('node:readline');
  const { startEmbeddedPostgres, freePort } = require(${JSON.stringify(MODULE)});
  (async () => {
    const dataDir = process.argv[1];
    const logger = pino({ level: 'warn' }, pino.destination(2));
    const port = await freePort();
    const start = () => startEmbeddedPostgres({ dataDir, persistent: true, logger, port });
    let db = await start();
    process.stdout.write(JSON.stringify({ url: db.url }) + '\\n');
    const lines = readline.createInterface({ input: process.stdin });
    lines.on('line', async (line) => {
      if (line === 'stop') { await db.stop(); process.stdout.write('stopped\\n'); }
      if (line === 'start') { db = await start(); process.stdout.write('started\\n'); }
    });
    lines.on('close', () => db.stop().then(() => process.exit(0)));
  })().catch((e) => { process.stderr.write(String(e)); process.exit(1); });
`;

const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id version } } }`;
const ACTIVITY = `subscription($launchId: ID!, $after: String) { launchActivity(launchId: $launchId, after: $after) { cursor } }`;
const LOG = `query($id: ID!) { launch(id: $id) { activity(first: 100) { pageInfo { endCursor } } } }`;

const seqOf = (cursor: string): number =>
  Number(JSON.parse(Buffer.from(cursor, 'base64url').toString())[1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Cluster {
  private out = '';
  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
  }

  static async start(dataDir: string): Promise<{ cluster: Cluster; url: string }> {
    const cluster = new Cluster(
      spawn(process.execPath, ['-e', CLUSTER, dataDir], { cwd: ROOT, stdio: 'pipe' }),
    );
    const line = await cluster.waitFor(/^\{.*\}$/m);
    return { cluster, url: (JSON.parse(line) as { url: string }).url };
  }

  async command(word: 'stop' | 'start'): Promise<void> {
    const seen = this.out.length;
    this.child.stdin?.write(`${word}\n`);
    await this.waitFor(new RegExp(`^${word === 'stop' ? 'stopped' : 'started'}$`, 'm'), seen);
  }

  private async waitFor(pattern: RegExp, from = 0): Promise<string> {
    for (let i = 0; i < 1200; i += 1) {
      const match = this.out.slice(from).match(pattern);
      if (match) return match[0];
      if (this.child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`cluster: no ${pattern}:\n${this.out}`);
  }

  async end(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    await exited;
  }
}

interface Answer {
  at: number;
  ms: number;
  status: number;
  code?: string;
  retryAfter: string | null;
  version?: number;
}

/** An activity subscriber that resubscribes with its last cursor whenever its stream ends. */
class Follower {
  seqs: number[] = [];
  duplicates = 0;
  gaps = 0;
  errors: string[] = [];
  private last: number;
  private after: string;
  private unsubscribe: () => void = () => undefined;
  private stopped = false;
  private generation = 0;

  constructor(
    private readonly client: WsClient,
    private readonly launchId: string,
    start: string,
  ) {
    this.after = start;
    this.last = seqOf(start);
    this.subscribe();
  }

  get lastSeq(): number {
    return this.last;
  }

  /** Drops the stream and resumes after the last row seen (as a client reconnecting). */
  resume(): void {
    this.unsubscribe();
    this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  private subscribe(): void {
    if (this.stopped) return;
    // Messages of a dropped stream still in flight are not this stream's.
    const generation = (this.generation += 1);
    const current = () => generation === this.generation;
    this.unsubscribe = this.client.subscribe(
      { query: ACTIVITY, variables: { launchId: this.launchId, after: this.after } },
      {
        next: (message) => {
          if (!current()) return;
          if (message.errors?.length) {
            this.errors.push(String(message.errors[0].extensions?.code));
            return;
          }
          const cursor = (message.data as { launchActivity: { cursor: string } }).launchActivity
            .cursor;
          const seq = seqOf(cursor);
          if (seq <= this.last) this.duplicates += 1;
          else if (seq > this.last + 1) this.gaps += seq - this.last - 1;
          if (seq > this.last) {
            this.last = seq;
            this.after = cursor;
          }
          this.seqs.push(seq);
        },
        error: (error: unknown) => {
          if (!current()) return;
          const list = Array.isArray(error)
            ? (error as Array<{ extensions?: { code?: string } }>)
            : [];
          this.errors.push(String(list[0]?.extensions?.code ?? error));
          setTimeout(() => this.subscribe(), 200);
        },
        complete: () => undefined,
      },
    );
  }
}

let cluster: Cluster;
let dataRoot: string;
let a: TestApp;
let b: TestApp;
let databaseUrl: string;

/** SQL on a connection of its own (the test app's own client died with the outage). */
async function sql<T>(text: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataRoot = mkdtempSync(path.join(os.tmpdir(), 'lp-faults-'));
  chmodSync(dataRoot, 0o755); // as root the cluster runs as `postgres`
  const started = await Cluster.start(path.join(dataRoot, 'pg'));
  cluster = started.cluster;
  const admin = new Client({ connectionString: started.url });
  await admin.connect();
  await admin.query('CREATE DATABASE lp_faults');
  await admin.end();
  databaseUrl = started.url.replace(/\/postgres$/, '/lp_faults');
  a = await startTestApp({ DATABASE_URL: databaseUrl });
  b = await startTestApp({ DATABASE_URL: databaseUrl });
}, 120_000);
afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
  await cluster?.end();
  rmSync(dataRoot, { recursive: true, force: true });
});

describe('PostgreSQL stopped and started under load, two instances', () => {
  it('loses no acknowledged write, answers 503 SERVICE_UNAVAILABLE or success meanwhile, recovers within 5 s, subscribers end on the committed state', async () => {
    const pm: TestPerson = await buildPerson(a, { discipline: 'PM' });
    const viewer = await buildPerson(a, { accessLevel: 'VIEWER', discipline: 'SUPPORT' });
    const launch = await buildLaunch(a, { pm });
    const tasks = await Promise.all(Array.from({ length: 10 }, () => buildTask(a, launch)));
    const start: string = (await a.gql(LOG, { id: launch.id })).data!.launch.activity.pageInfo
      .endCursor;
    const sockets = [a, b].map((app) => wsClient(app.wsUrl, viewer.token).client);
    const followers = sockets.flatMap((client) =>
      Array.from({ length: 3 }, () => new Follower(client, launch.id, start)),
    );

    let writing = true;
    const answers: Answer[][] = tasks.map(() => []);
    const writers = tasks.map(async (task, w) => {
      const app = w % 2 ? b : a;
      for (let n = 0; writing; n += 1) {
        const sent = Date.now();
        const res = await fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${pm.token}` },
          body: JSON.stringify({
            query: UPDATE,
            variables: { input: { id: task.id, description: `writer ${w} write ${n}` } },
          }),
        });
        const body = (await res.json()) as {
          data?: { updateTask?: { task: { version: number } } };
          errors?: Array<{ extensions?: { code?: string } }>;
        };
        answers[w].push({
          at: sent,
          ms: Date.now() - sent,
          status: res.status,
          code: body.errors?.[0]?.extensions?.code,
          retryAfter: res.headers.get('retry-after'),
          version: body.errors ? undefined : body.data?.updateTask?.task.version,
        });
        if (body.errors) await sleep(20);
      }
    });

    await sleep(1500);
    const stopping = Date.now();
    await cluster.command('stop');
    const stopped = Date.now();
    for (const follower of followers.slice(0, 3)) follower.resume(); // resumed while it is away
    await sleep(2000);
    for (const follower of followers.slice(3)) follower.resume();
    await cluster.command('start');
    const back = Date.now();
    // Each instance answers a write successfully again.
    const firstSuccess = async (w: number) => {
      for (;;) {
        const ok = answers[w].find((x) => x.at >= back && x.status === 200 && !x.code);
        if (ok) return ok.at + ok.ms - back;
        if (Date.now() - back > 20_000) return Infinity;
        await sleep(20);
      }
    };
    const recovery = [await firstSuccess(0), await firstSuccess(1)];
    await sleep(1000);
    writing = false;
    await Promise.all(writers);

    // Every acknowledged write is there: each committed version has its activity row,
    // and no acknowledged version is above the task's version.
    const all = answers.flat();
    for (const [w, task] of tasks.entries()) {
      const acked = answers[w].filter((x) => x.version !== undefined).map((x) => x.version!);
      const [{ version }] = await sql<{ version: number }>(
        'SELECT version FROM tasks WHERE id = $1',
        [uuidOf(task.id)],
      );
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM launch_activity WHERE launch_id = $1 AND type = 'TASK_UPDATED' AND subject_id = $2`,
        [uuidOf(launch.id), task.id],
      );
      expect(acked.length).toBeGreaterThan(0);
      expect(Math.max(...acked)).toBeLessThanOrEqual(version);
      expect(new Set(acked).size).toBe(acked.length);
      expect(n).toBe(version - task.version);
    }
    const failures = all.filter((x) => x.code || x.status !== 200);
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '2' });
    }

    // Subscribers on both instances end on the committed state, each row once.
    const [{ max }] = await sql<{ max: number }>(
      'SELECT max(seq)::int AS max FROM launch_activity WHERE launch_id = $1',
      [uuidOf(launch.id)],
    );
    for (let i = 0; i < 300 && followers.some((f) => f.lastSeq < max); i += 1) await sleep(50);
    for (const follower of followers) {
      expect(follower.lastSeq).toBe(max);
      expect(follower.duplicates).toBe(0);
      expect(follower.gaps).toBe(0);
      follower.stop();
    }
    for (const client of sockets) await client.dispose();

    const outage = failures.map((x) => x.ms).sort((p, q) => p - q);
    const pct = (p: number) => outage[Math.min(outage.length - 1, Math.floor(p * outage.length))];
    console.log(
      `faults: PostgreSQL stop took ${stopped - stopping} ms, away ${back - stopped} ms; ` +
        `${all.length} answers: ${all.length - failures.length} successes, ${failures.length} 503 SERVICE_UNAVAILABLE ` +
        `(latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${outage[outage.length - 1]} ms); ` +
        `first success after PostgreSQL was back: instance A ${recovery[0]} ms, B ${recovery[1]} ms; ` +
        `6 subscribers at seq ${max}, duplicates ${followers.reduce((s, f) => s + f.duplicates, 0)}, ` +
        `gaps ${followers.reduce((s, f) => s + f.gaps, 0)}, stream errors ${followers.map((f) => f.errors.length).join('/')}`,
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(Math.max(...recovery)).toBeLessThanOrEqual(5000);
  }, 120_000);
});
