import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { lostUpdateFixtures, type Gql } from '../bench/lost-updates';
import { migrations } from '../migrations';
import { MIGRATION_LOCK } from '../src/core/db/data-source';
import { MAIN, runNode, waitForOutput, type Started } from './support/built';
import { alive, uuidOf } from './support/helpers';
import { ADMIN_TOKEN, createTestDatabase } from './support/test-app';

// Faults in the server process's own life, with the compiled server in child processes on real
// PostgreSQL: a signal during start-up, SIGTERM with a request longer than the drain time, and
// kill -9 during migrations. Each waits for a state it can see (a log line, a backend waiting on
// a lock the test holds), never for a guessed delay.

const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { version } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lp-process-faults-'));
chmodSync(scratch, 0o755); // as root, embedded PostgreSQL runs as `postgres` and needs to enter
const running: Started[] = [];

afterAll(async () => {
  for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

function serverEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  const base = { DATABASE_URL: databaseUrl, ADMIN_TOKEN, SEED_DEMO: 'false' };
  return { ...base, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: scratch, ...extra };
}

function start(env: Record<string, string>): Started {
  const run = runNode([MAIN], { env });
  running.push(run);
  return run;
}

async function startServer(env: Record<string, string>): Promise<{ run: Started; url: string }> {
  const run = start(env);
  const [, url] = await waitForOutput(run, /GraphQL \(HTTP and WebSocket\): (\S+)/);
  return { run, url };
}

function adminGql(url: string): Gql {
  return async (query, variables) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Awaited<ReturnType<Gql>>;
  };
}

/** The exit code; fails (instead of hanging) when the process is still running after `ms`. */
async function exitWithin(run: Started, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'running'>((resolve) => {
    timer = setTimeout(() => resolve('running'), ms);
  });
  const code = await Promise.race([run.exited, timeout]);
  clearTimeout(timer);
  if (code === 'running') throw new Error(`still running ${ms} ms later:\n${run.output()}`);
  return code;
}

/** Polls until `check` holds (up to 60 s). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200; i += 1) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Other backends on `client`'s database waiting on a lock. */
async function waitingOnLock(client: Client): Promise<number> {
  // Inside a transaction, pg_stat_activity keeps its first snapshot: take a fresh one.
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
  );
  return rows[0].n;
}

describe('the server process under signals', () => {
  it('SIGTERM during start-up: exits 0 after stopping what started, embedded PostgreSQL included', async () => {
    const dataDir = path.join(scratch, 'start-signal');
    const run = start({ PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, TMPDIR: scratch });
    // Embedded PostgreSQL is up and its database made: migrations come next.
    await waitForOutput(run, /"msg":"created database"/);
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(alive(postmaster)).toBe(true);
    run.child.kill('SIGTERM');
    expect(await exitWithin(run, 60_000)).toBe(0);
    expect(run.output()).toMatch(/"msg":"stopped during start-up"/);
    expect(run.output()).not.toMatch(/started in/);
    expect(alive(postmaster)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  }, 120_000);

  it('SIGTERM while waiting for the migration lock during start-up: gives up the wait and exits 0', async () => {
    const database = await createTestDatabase();
    const holder = new Client({ connectionString: database.url });
    try {
      await holder.connect();
      // Another start is migrating: the test holds the lock start-ups take turns on.
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const run = start(serverEnv(database.url));
      await until('the start to wait for the migration lock', async () => {
        return (await waitingOnLock(holder)) === 1;
      });
      run.child.kill('SIGTERM');
      expect(await exitWithin(run, 30_000)).toBe(0);
      expect(run.output()).toMatch(/"msg":"stopped during start-up"/);
      expect(run.output()).not.toMatch(/migrations up to date/);
    } finally {
      await holder.end().catch(() => undefined);
      await database.drop();
    }
  }, 120_000);

  it('SIGTERM with a request longer than the drain time: it answers 503 SERVICE_UNAVAILABLE, writes nothing, and the process exits 0', async () => {
    const database = await createTestDatabase();
    const holder = new Client({ connectionString: database.url });
    try {
      const { run, url } = await startServer(
        serverEnv(database.url, { SHUTDOWN_DRAIN_SECONDS: '1' }),
      );
      const { taskId } = await lostUpdateFixtures(adminGql(url));
      await holder.connect();
      // The test holds the task's row lock: the mutation waits for it, longer than the drain.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE', [uuidOf(taskId)]);
      const pending = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({
          query: UPDATE,
          variables: { input: { id: taskId, expectedVersion: 1, description: 'late' } },
        }),
      });
      await until(
        'the mutation to wait on the row lock',
        async () => (await waitingOnLock(holder)) === 1,
      );
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      const res = await pending;
      const answeredMs = Date.now() - signalled;
      const body = (await res.json()) as {
        data: unknown;
        errors?: Array<{ extensions: { code: string } }>;
      };
      const code = await exitWithin(run, 30_000);
      const exitMs = Date.now() - signalled;
      await holder.query('ROLLBACK');
      console.log(
        `SIGTERM, drain 1 s, mutation held on a row lock: answered ${res.status} ` +
          `${body.errors?.[0]?.extensions.code} after ${answeredMs} ms, exit ${code} after ${exitMs} ms`,
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(body.errors?.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(code).toBe(0);
      expect(run.output()).toMatch(/"msg":"drain time over/);
      const { rows } = await holder.query<{ version: number; description: string | null }>(
        'SELECT version, description FROM tasks WHERE id = $1',
        [uuidOf(taskId)],
      );
      expect(rows).toEqual([{ version: 1, description: null }]);
    } finally {
      await holder.end().catch(() => undefined);
      await database.drop();
    }
  }, 120_000);
});

/** A database with nothing in it (not the migrated template). */
async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_PG_SERVER_URL as string;
  const name = `lp_mig_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Every column of the public schema, to compare with the migrated template's. */
async function columns(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ c: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type AS c
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`,
    );
    return rows.map((r) => r.c);
  } finally {
    await client.end();
  }
}

describe('kill -9 during migrations', () => {
  it('the next start completes them: every migration recorded, the schema complete', async () => {
    const database = await emptyDatabase();
    const holder = new Client({ connectionString: database.url });
    try {
      await holder.connect();
      // The last migration creates idempotency_keys: while the test's own open transaction has
      // created a table of that name, the migration's CREATE TABLE waits for it, mid-way.
      await holder.query('BEGIN');
      await holder.query('CREATE TABLE idempotency_keys (held integer)');
      const first = start(serverEnv(database.url));
      await until(
        'a migration to wait on the lock',
        async () => (await waitingOnLock(holder)) === 1,
      );
      const { rows: before } = await holder.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM migrations',
      );
      console.log(
        `kill -9 during migrations: ${before[0].n} of ${migrations.length} recorded when killed`,
      );
      first.child.kill('SIGKILL');
      expect(await first.exited).toBeNull();
      await holder.query('ROLLBACK');
      expect(before[0].n).toBe(migrations.length - 1);

      const next = await startServer(serverEnv(database.url));
      const { rows } = await holder.query<{ name: string }>(
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
      // The same columns as a clone of the suite's migrated template (never the template
      // itself: a session on it would stop other files from cloning it).
      const migrated = await createTestDatabase();
      const expected = await columns(migrated.url).finally(() => migrated.drop());
      expect(await columns(database.url)).toEqual(expected);
      next.run.child.kill('SIGTERM');
      expect(await exitWithin(next.run, 30_000)).toBe(0);
    } finally {
      await holder.end().catch(() => undefined);
      await database.drop();
    }
  }, 120_000);
});
