import { globalId, uuidOf } from './support/helpers';
import {
  buildLaunch,
  buildPerson,
  buildTask,
  type TestLaunch,
  type TestPerson,
} from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { subscribe, wsClient, type Subscription } from './support/ws';

const ACTIVITY = `subscription($launchId: ID!, $after: String) { launchActivity(launchId: $launchId, after: $after) {
  cursor type summary subjectId } }`;
const STATUS = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) { revision totalCount closedCount } }`;
const LOG = `query($id: ID!, $first: Int, $after: String) { launch(id: $id) { activity(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor } edges { cursor node { type summary } } } } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status } } }`;

let t: TestApp;
let viewer: TestPerson;
const closers: Array<() => Promise<void>> = [];

function open(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  token = viewer.token,
): Subscription & { close(): Promise<void> } {
  const { client } = wsClient(app.wsUrl, token);
  const sub = subscribe(client, query, variables);
  const close = async () => {
    sub.dispose();
    await client.dispose();
  };
  closers.push(close);
  return Object.assign(sub, { close });
}

/** The log's current end cursor: subscribing after it is deterministic (no race with registration). */
async function endCursor(launchId: string): Promise<string> {
  let after: string | null = null;
  for (;;) {
    const res: any = await t.gql(LOG, { id: launchId, first: 100, after });
    const { pageInfo } = res.data.launch.activity;
    if (!pageInfo.hasNextPage) return pageInfo.endCursor ?? after;
    after = pageInfo.endCursor;
  }
}

async function seqs(launchId: string): Promise<number[]> {
  const uuid = uuidOf(launchId);
  return (
    await t.sql<{ seq: number }>(
      'SELECT seq FROM launch_activity WHERE launch_id = $1 ORDER BY seq',
      [uuid],
    )
  ).map((r) => r.seq);
}

/** The seq behind an activity cursor (cursors are opaque to clients; tests may peek). */
function seqOf(cursor: string): number {
  return Number(JSON.parse(Buffer.from(cursor, 'base64url').toString())[1]);
}

beforeAll(async () => {
  t = await startTestApp();
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SUPPORT' });
});
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  await t.dispose();
});

describe('activity rows', () => {
  it('records one LAUNCH_CREATED row for a launch created from a template, not one per task', async () => {
    const launch = await buildLaunch(t, {
      tier: 'TIER_1',
      applyTemplate: true,
      name: 'Template Launch',
    });
    const res = await t.gql(LOG, { id: launch.id, first: 10 });
    const edges = res.data!.launch.activity.edges;
    expect(edges).toHaveLength(1);
    expect(edges[0].node.type).toBe('LAUNCH_CREATED');
    expect(edges[0].node.summary).toMatch(
      /^An admin created launch 'Template Launch' \(TIER_1, \d+ tasks\)$/,
    );
  });

  it('pages the log oldest first and rejects malformed cursors and cursors of another launch', async () => {
    const launch = await buildLaunch(t);
    const other = await buildLaunch(t);
    for (let i = 0; i < 3; i += 1) await buildTask(t, launch, { title: `Step ${i}` });
    const page = await t.gql(LOG, { id: launch.id, first: 2 });
    expect(page.data!.launch.activity.edges.map((e: any) => e.node.summary)).toEqual([
      expect.stringMatching(/created launch/),
      "An admin added task 'Step 0'",
    ]);
    const rest = await t.gql(LOG, {
      id: launch.id,
      first: 10,
      after: page.data!.launch.activity.pageInfo.endCursor,
    });
    expect(rest.data!.launch.activity.edges.map((e: any) => e.node.summary)).toEqual([
      "An admin added task 'Step 1'",
      "An admin added task 'Step 2'",
    ]);
    const foreign = (await t.gql(LOG, { id: other.id, first: 1 })).data!.launch.activity.pageInfo
      .endCursor;
    for (const after of ['garbage!', foreign]) {
      const bad = await t.gql(LOG, { id: launch.id, first: 2, after });
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const sub = open(t, ACTIVITY, { launchId: launch.id, after: foreign });
    expect((await sub.error)[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const unknown = open(t, ACTIVITY, {
      launchId: globalId('Launch', '00000000-0000-4000-8000-000000000999'),
    });
    expect((await unknown.error)[0].extensions.code).toBe('NOT_FOUND');
  });

  it('leaves no row and sends nothing when the transaction rolls back after the row was written', async () => {
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch, { title: 'Fine' });
    await t.sql(`CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.summary LIKE '%Doomed%' THEN RAISE EXCEPTION 'doomed'; END IF; RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER refuse_doomed AFTER INSERT ON launch_activity FOR EACH ROW EXECUTE FUNCTION refuse_doomed()`,
    );
    const before = await seqs(launch.id);
    const sub = open(t, ACTIVITY, { launchId: launch.id, after: await endCursor(launch.id) });
    const status = open(t, STATUS, { launchId: launch.id });
    const initial = await status.next();
    const failed = await t.gql(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }`,
      {
        input: { launchId: launch.id, title: 'Doomed task', ownerRole: 'PM' },
      },
    );
    expect(failed.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await seqs(launch.id)).toEqual(before);
    expect(
      (await t.sql(`SELECT count(*)::int AS n FROM tasks WHERE title = 'Doomed task'`))[0].n,
    ).toBe(0);
    await t.gql(UPDATE, { input: { id: task.id, status: 'DONE' } });
    const next = await sub.next();
    expect(next.launchActivity.summary).toBe("An admin moved 'Fine' to DONE");
    expect(seqOf(next.launchActivity.cursor)).toBe(before[before.length - 1] + 1);
    expect((await status.next()).checklistStatusChanged.revision).toBe(
      initial.checklistStatusChanged.revision + 1,
    );
    await t.sql('DROP TRIGGER refuse_doomed ON launch_activity');
  });
});

describe('concurrency', () => {
  it('numbers 50 concurrent writers 1..N with no gap, and subscribers see them strictly increasing', async () => {
    const launch = await buildLaunch(t);
    const activity = open(t, ACTIVITY, { launchId: launch.id, after: await endCursor(launch.id) });
    const status = open(t, STATUS, { launchId: launch.id });
    const first = (await status.next()).checklistStatusChanged;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.gql(`mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }`, {
          input: { launchId: launch.id, title: `Parallel ${i}`, ownerRole: 'ENGINEERING' },
        }),
      ),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(await seqs(launch.id)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const seen: number[] = [];
    while (seen.length < 50) seen.push(seqOf((await activity.next()).launchActivity.cursor));
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    let last = first;
    while (last.totalCount < 50) {
      const next = (await status.next()).checklistStatusChanged;
      expect(next.revision).toBeGreaterThan(last.revision);
      last = next;
    }
    expect(last.revision).toBe(first.revision + 50);
  });
});

describe('listener loss', () => {
  it('reconnects and catches up: subscribers end on the committed state; a resumed stream misses nothing', async () => {
    const launch: TestLaunch = await buildLaunch(t);
    const tasks = [];
    for (let i = 0; i < 6; i += 1) tasks.push(await buildTask(t, launch, { title: `Item ${i}` }));
    const status = open(t, STATUS, { launchId: launch.id });
    await status.next();
    const stream = open(t, ACTIVITY, { launchId: launch.id, after: await endCursor(launch.id) });
    await t.gql(UPDATE, { input: { id: tasks[0].id, status: 'DONE' } });
    const lastSeen = (await stream.next()).launchActivity.cursor;
    await stream.close(); // the client's laptop sleeps

    const pid = t.app.events.listenerPid;
    expect(pid).toEqual(expect.any(Number));
    const changes = tasks
      .slice(1)
      .map((task) => t.gql(UPDATE, { input: { id: task.id, status: 'DONE' } }));
    await t.sql('SELECT pg_terminate_backend($1)', [pid]);
    expect((await Promise.all(changes)).every((r) => !r.errors)).toBe(true);

    const final = (
      await t.sql<{ checklist_revision: number }>(
        'SELECT checklist_revision FROM launches WHERE id = $1',
        [uuidOf(launch.id)],
      )
    )[0].checklist_revision;
    let latest = status.values[status.values.length - 1].checklistStatusChanged;
    while (latest.revision < final) latest = (await status.next()).checklistStatusChanged;
    expect(latest).toMatchObject({ revision: final, closedCount: 6 });
    expect(t.app.events.listenerPid).not.toBe(pid);

    const resumed = open(t, ACTIVITY, { launchId: launch.id, after: lastSeen });
    const missed: string[] = [];
    while (missed.length < 5) missed.push((await resumed.next()).launchActivity.summary);
    expect(missed.sort()).toEqual(
      tasks
        .slice(1)
        .map((_, i) => `An admin moved 'Item ${i + 1}' to DONE`)
        .sort(),
    );
    const after = await t.gql(UPDATE, { input: { id: tasks[0].id, status: 'TODO' } });
    expect(after.errors).toBeUndefined();
    expect((await resumed.next()).launchActivity.summary).toBe("An admin moved 'Item 0' to TODO");
    expect(resumed.values.map((v) => seqOf(v.launchActivity.cursor))).toEqual(
      Array.from({ length: 6 }, (_, i) => seqOf(lastSeen) + 1 + i),
    );
  });
});

describe('fan-out cost', () => {
  it('runs the same number of SQL statements per change for 1 and for 25 subscribers', async () => {
    const measure = async (subscribers: number): Promise<number> => {
      const launch = await buildLaunch(t);
      const task = await buildTask(t, launch);
      // Each activity subscriber resumes from the row before the last, so its replay proves it is registered.
      const log = await t.gql(LOG, { id: launch.id, first: 1 });
      const resumeFrom = log.data!.launch.activity.pageInfo.endCursor;
      const subs = Array.from({ length: subscribers }, () => [
        open(t, STATUS, { launchId: launch.id }),
        open(t, ACTIVITY, { launchId: launch.id, after: resumeFrom }),
      ]).flat();
      await Promise.all(subs.map((s) => s.next()));
      const before = t.app.queries.count;
      await t.gql(UPDATE, { input: { id: task.id, status: 'DONE' } });
      await Promise.all(subs.map((s) => s.next()));
      const spent = t.app.queries.count - before;
      for (const s of subs) await s.close();
      return spent;
    };
    const one = await measure(1);
    const many = await measure(25);
    expect(many).toBe(one);
  });
});

describe('two instances', () => {
  it('delivers activity written through instance A to a subscriber on instance B', async () => {
    const b = await startTestApp({ DATABASE_URL: t.databaseUrl });
    closers.push(() => b.dispose());
    const launch = await buildLaunch(t);
    const sub = open(b, ACTIVITY, { launchId: launch.id, after: await endCursor(launch.id) });
    const task = await buildTask(t, launch, { title: 'Cross-instance' });
    const row = (await sub.next()).launchActivity;
    expect(row).toMatchObject({
      type: 'TASK_CREATED',
      subjectId: task.id,
      summary: "An admin added task 'Cross-instance'",
    });
  });
});
