import { globalId } from './support/helpers';
import {
  buildLaunch,
  buildPerson,
  buildTask,
  type TestLaunch,
  type TestPerson,
} from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { subscribe, wsClient, type Subscription } from './support/ws';

const STATUS = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) {
  launchId totalCount closedCount requiredOpenCount health revision } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status version } } }`;

let t: TestApp;
let launch: TestLaunch;
let viewer: TestPerson;
const closers: Array<() => Promise<void>> = [];

function watch(app: TestApp, token: string, launchId: string): Subscription {
  const { client } = wsClient(app.wsUrl, token);
  const sub = subscribe(client, STATUS, { launchId });
  closers.push(async () => {
    sub.dispose();
    await client.dispose();
  });
  return sub;
}

beforeAll(async () => {
  t = await startTestApp();
  launch = await buildLaunch(t);
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
});
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  await t.dispose();
});

describe('checklistStatusChanged', () => {
  it('pushes the new status to every subscriber after a change by a third client, revision + 1; a failed mutation sends nothing', async () => {
    // A launch of its own: the counts below are exact.
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch, { required: true, title: 'Support trained' });
    const a = watch(t, viewer.token, launch.id);
    const b = watch(t, launch.pmm.token, launch.id);
    const [a0, b0] = [
      (await a.next()).checklistStatusChanged,
      (await b.next()).checklistStatusChanged,
    ];
    expect(a0).toEqual(b0);
    expect(a0).toMatchObject({ launchId: launch.id, totalCount: 1, requiredOpenCount: 1 });

    const failed = await t.gql(
      UPDATE,
      { input: { id: task.id, expectedVersion: 99, status: 'DONE' } },
      launch.pm.token,
    );
    expect(failed.errors![0].extensions!.code).toBe('CONFLICT');
    const done = await t.gql(UPDATE, { input: { id: task.id, status: 'DONE' } }, launch.pm.token);
    expect(done.data!.updateTask.task.status).toBe('DONE');

    // The next message after the failed and the good mutation is the good one: nothing came in between.
    const [a1, b1] = [
      (await a.next()).checklistStatusChanged,
      (await b.next()).checklistStatusChanged,
    ];
    for (const status of [a1, b1]) {
      expect(status).toMatchObject({
        closedCount: 1,
        requiredOpenCount: 0,
        health: 'COMPLETE',
        revision: a0.revision + 1,
      });
    }
    expect(a.values).toHaveLength(2);
    expect(b.values).toHaveLength(2);
  });

  it('sends revisions that only rise across a burst of changes', async () => {
    const task = await buildTask(t, launch);
    const sub = watch(t, viewer.token, launch.id);
    const first = (await sub.next()).checklistStatusChanged;
    for (const status of ['IN_PROGRESS', 'BLOCKED', 'IN_PROGRESS', 'SKIPPED', 'TODO']) {
      const res = await t.gql(UPDATE, { input: { id: task.id, status } });
      expect(res.errors).toBeUndefined();
    }
    let last = first;
    while (last.revision < first.revision + 5) {
      const next = (await sub.next()).checklistStatusChanged;
      expect(next.revision).toBeGreaterThan(last.revision);
      last = next;
    }
    expect(last.revision).toBe(first.revision + 5);
  });

  it('answers NOT_FOUND for an unknown launch and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = watch(
      t,
      viewer.token,
      globalId('Launch', '00000000-0000-4000-8000-000000000999'),
    );
    expect((await unknown.error)[0].extensions.code).toBe('NOT_FOUND');
    const malformed = watch(t, viewer.token, 'nope');
    expect((await malformed.error)[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'launchId',
    });
  });

  it('refuses a socket without a valid token with close code 4403', async () => {
    const ws = wsClient(t.wsUrl, 'lp_not-valid');
    expect(await ws.closed).toBe(4403);
    await ws.client.dispose();
  });
});

describe('two instances on one database', () => {
  it('delivers a change made through instance A to a subscriber on instance B', async () => {
    const b = await startTestApp({ DATABASE_URL: t.databaseUrl });
    closers.push(() => b.dispose());
    const task = await buildTask(t, launch);
    const sub = watch(b, viewer.token, launch.id);
    const before = (await sub.next()).checklistStatusChanged;
    const res = await t.gql(UPDATE, { input: { id: task.id, status: 'DONE' } });
    expect(res.errors).toBeUndefined();
    const after = (await sub.next()).checklistStatusChanged;
    expect(after.revision).toBe(before.revision + 1);
    expect(after.closedCount).toBe(before.closedCount + 1);
  });
});
