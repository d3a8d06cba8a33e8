import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EntitySubscriberInterface } from 'typeorm';
import { buildLaunch, buildPerson, type TestLaunch, type TestPerson } from './support/factories';
import { uuidOf } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

const CREATE_TASK = `mutation CreateTask($input: CreateTaskInput!) {
  createTask(input: $input) { task { id title version } }
}`;
const UPDATE_TASK = `mutation UpdateTask($input: UpdateTaskInput!) {
  updateTask(input: $input) { task { id description version } }
}`;
const DELETE_TASK = `mutation DeleteTask($input: DeleteTaskInput!) { deleteTask(input: $input) { deletedTaskId } }`;

let t: TestApp;
let second: TestApp; // another instance on the same database
let pm: TestPerson;
let launch: TestLaunch;

interface Answer {
  status: number;
  replayed: string | null;
  /** Status, data and errors: what a replay repeats (`extensions.cost` is each request's own). */
  answer: string;
  body: any;
}

async function send(
  app: TestApp,
  key: string | null,
  query: string,
  variables: Record<string, unknown>,
  token = pm.token,
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  };
  if (key !== null) headers['idempotency-key'] = key;
  const res = await fetch(app.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Answer['body'];
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed'),
    answer: JSON.stringify([res.status, body.data, body.errors]),
    body,
  };
}

function taskInput(title: string) {
  return { input: { launchId: launch.id, title, ownerRole: 'ENGINEERING' } };
}

async function tasksTitled(title: string): Promise<number> {
  const [{ n }] = await t.sql<{ n: number }>(
    'SELECT count(*)::int AS n FROM tasks WHERE launch_id = $1 AND title = $2',
    [uuidOf(launch.id), title],
  );
  return n;
}

async function activityRows(): Promise<number> {
  const [{ n }] = await t.sql<{ n: number }>(
    'SELECT count(*)::int AS n FROM launch_activity WHERE launch_id = $1',
    [uuidOf(launch.id)],
  );
  return n;
}

async function keyRows(key: string): Promise<number> {
  const [{ n }] = await t.sql<{ n: number }>(
    'SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1',
    [key],
  );
  return n;
}

/**
 * After the app's next COMMIT (TypeORM awaits subscribers before the caller goes on), the
 * test database refuses connections and the app's backends are terminated; `restore`
 * lets them in again (call it once `cut()` is true).
 */
async function cutAfterNextCommit(): Promise<{ cut: () => boolean; restore: () => Promise<void> }> {
  const admin = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
  await admin.connect();
  const database = new URL(t.databaseUrl).pathname.slice(1);
  const [{ pid }] = await t.sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const subscribers = t.app.dataSource.subscribers;
  let armed = true;
  let cut = false;
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: async () => {
      if (!armed) return;
      armed = false;
      subscribers.splice(subscribers.indexOf(subscriber), 1);
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2`,
        [database, pid],
      );
      cut = true;
    },
  };
  subscribers.push(subscriber);
  const restore = async () => {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await admin.end();
  };
  return { cut: () => cut, restore };
}

beforeAll(async () => {
  t = await startTestApp();
  second = await startTestApp({ DATABASE_URL: t.databaseUrl });
  pm = await buildPerson(t, { discipline: 'PM' });
  launch = await buildLaunch(t, { pm });
});
afterAll(async () => {
  await second?.dispose();
  await t?.dispose();
});

describe('Idempotency-Key on HTTP mutations', () => {
  it('returns the stored answer for the same key without writing, on either instance', async () => {
    const key = randomUUID();
    const first = await send(t, key, CREATE_TASK, taskInput('Idem once'));
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    const rowsAfterFirst = await activityRows();

    const before = t.app.queries.count;
    const again = await send(t, key, CREATE_TASK, taskInput('Idem once'));
    // Authentication and the key's row: nothing else runs.
    expect(t.app.queries.count - before).toBe(2);
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect(again.answer).toBe(first.answer);
    expect(again.body.extensions.cost.actual).toBe(2);
    const elsewhere = await send(second, key, CREATE_TASK, taskInput('Idem once'));
    expect(elsewhere.answer).toBe(first.answer);
    expect(await tasksTitled('Idem once')).toBe(1);
    expect(await activityRows()).toBe(rowsAfterFirst);

    // Without a key, the same mutation writes again.
    await send(t, null, CREATE_TASK, taskInput('Idem once'));
    expect(await tasksTitled('Idem once')).toBe(2);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with other variables or another operation, writing nothing', async () => {
    const key = randomUUID();
    const first = await send(t, key, CREATE_TASK, taskInput('Idem first'));
    const taskId = first.body.data.createTask.task.id;
    const rows = await activityRows();

    const otherVariables = await send(t, key, CREATE_TASK, taskInput('Idem other'));
    expect(otherVariables.status).toBe(422);
    expect(otherVariables.body.errors[0].extensions).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'Idempotency-Key',
    });
    expect(otherVariables.body.data).toBeUndefined();
    const otherOperation = await send(t, key, DELETE_TASK, { input: { id: taskId } });
    expect(otherOperation.status).toBe(422);
    expect(otherOperation.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await tasksTitled('Idem other')).toBe(0);
    expect(await tasksTitled('Idem first')).toBe(1);
    expect(await activityRows()).toBe(rows);
  });

  it('keeps keys per token, leaves a key unused when nothing was written, ignores it on reads, expires it after 24 h', async () => {
    const key = randomUUID();
    const other = await buildPerson(t, { accessLevel: 'ADMIN' });
    await send(t, key, CREATE_TASK, taskInput('Idem per token'));
    const otherToken = await send(t, key, CREATE_TASK, taskInput('Idem per token'), other.token);
    expect(otherToken.replayed).toBeNull();
    expect(await tasksTitled('Idem per token')).toBe(2);

    // A mutation that fails writes nothing, the key included: a corrected retry runs.
    const failing = randomUUID();
    const missing = await send(t, failing, CREATE_TASK, {
      input: { launchId: launch.id, title: '', ownerRole: 'ENGINEERING' },
    });
    expect(missing.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const corrected = await send(t, failing, CREATE_TASK, taskInput('Idem corrected'));
    expect(corrected.body.errors).toBeUndefined();
    expect(await tasksTitled('Idem corrected')).toBe(1);

    const read = await send(t, randomUUID(), `query { me { id } }`, {});
    expect(read.body.data.me.id).toBe(pm.id);
    const [{ n: stored }] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ANY($1)',
      [[key, failing]],
    );
    expect(stored).toBe(3); // two tokens for `key`, one for `failing`; none for the read

    // A request error like any other: 200 for application/json (GraphQL over HTTP).
    const bad = await send(t, 'x'.repeat(256), CREATE_TASK, taskInput('Idem bad key'));
    expect(bad.status).toBe(200);
    expect(bad.body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'Idempotency-Key',
      reason: 'INVALID_VALUE',
    });
    expect(bad.body.data).toBeUndefined();
    expect(await tasksTitled('Idem bad key')).toBe(0);

    await t.sql(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const afterExpiry = await send(t, key, CREATE_TASK, taskInput('Idem per token'));
    expect(afterExpiry.replayed).toBeNull();
    expect(await tasksTitled('Idem per token')).toBe(3);
  });

  it('writes once for 50 concurrent requests with one key on two instances, and all get the same answer', async () => {
    const key = randomUUID();
    const rows = await activityRows();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(i % 2 ? second : t, key, CREATE_TASK, taskInput('Idem concurrent')),
      ),
    );
    const texts = new Set(answers.map((a) => a.answer));
    const replayed = answers.filter((a) => a.replayed === 'true').length;
    const written = await tasksTitled('Idem concurrent');
    console.log(
      `idempotency: 50 concurrent requests, one key, two instances: ${written} task written, ` +
        `${answers.filter((a) => a.status === 200).length} answered 200, ${texts.size} distinct answer, ` +
        `${replayed} replayed, ${answers.length - replayed} executed`,
    );
    expect(texts.size).toBe(1);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers[0].body.data.createTask.task.title).toBe('Idem concurrent');
    expect(written).toBe(1);
    expect(await activityRows()).toBe(rows + 1);
  });

  it('leaves no key when the mutation rolls back after inserting it, so the retry runs', async () => {
    const key = randomUUID();
    const created = await send(t, null, CREATE_TASK, taskInput('Idem rollback'));
    const id = created.body.data.createTask.task.id;
    // The key's row is inserted first in the transaction; the stale version then rolls it back.
    const stale = await send(t, key, UPDATE_TASK, {
      input: { id, expectedVersion: 7, description: 'stale' },
    });
    expect(stale.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(await keyRows(key)).toBe(0);
    const retry = await send(t, key, UPDATE_TASK, {
      input: { id, expectedVersion: 1, description: 'fresh' },
    });
    expect(retry.body.data.updateTask.task).toMatchObject({ description: 'fresh', version: 2 });
    expect(retry.replayed).toBeNull();
    expect(await keyRows(key)).toBe(1);
  });

  it('answers a committed mutation with its payload when the database goes away right after COMMIT, and stores it once back', async () => {
    const key = randomUUID();
    const cut = await cutAfterNextCommit();
    const pending = send(t, key, CREATE_TASK, taskInput('Idem cut after commit'));
    try {
      while (!cut.cut()) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      // The answer is stored (retried every second) once connections are let in again.
      await cut.restore();
    }
    const answer = await pending;
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.createTask.task.title).toBe('Idem cut after commit');
    const again = await send(t, key, CREATE_TASK, taskInput('Idem cut after commit'));
    expect(again.replayed).toBe('true');
    expect(again.answer).toBe(answer.answer);
    expect(await tasksTitled('Idem cut after commit')).toBe(1);
  });
});
