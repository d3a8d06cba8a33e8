import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globalId, ok, uuidOf } from './support/helpers';
import {
  buildLaunch,
  buildPerson,
  buildTask,
  daysFromToday,
  type TestLaunch,
  type TestPerson,
} from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

// The contract document: every operation below is sent exactly as clients send it.
const CONTRACT = readFileSync(path.join(__dirname, 'contract/checklist.graphql'), 'utf8');
const STATUS = `query($id: ID!) { launch(id: $id) { checklistStatus {
  launchId totalCount closedCount percentComplete overdueCount blockedCount requiredOpenCount health
  byOwnerRole { role totalCount closedCount } revision } } }`;
const UPDATE_LAUNCH = `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id launchDate } } }`;
const NOWHERE = '00000000-0000-4000-8000-000000000999';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

type Res = GraphQLResponse<Record<string, any>>;
const op = (name: string, variables: Record<string, unknown>, token?: string): Promise<Res> =>
  t.gql(CONTRACT, variables, token, name);
const createTask = (input: Record<string, unknown>, token?: string) =>
  op('CreateTask', { input }, token);
const updateTask = (input: Record<string, unknown>, token?: string) =>
  op('UpdateTask', { input }, token);
const deleteTask = (input: Record<string, unknown>, token?: string) =>
  op('DeleteTask', { input }, token);
const addDep = (taskId: string, dependsOnId: string, token?: string) =>
  op('AddTaskDependency', { input: { taskId, dependsOnId } }, token);
const removeDep = (taskId: string, dependsOnId: string, token?: string) =>
  op('RemoveTaskDependency', { input: { taskId, dependsOnId } }, token);

/** The `task` of a task mutation's payload, asserting it succeeded. */
async function task(res: Promise<Res>): Promise<Record<string, any>> {
  return (Object.values(ok(await res))[0] as { task: Record<string, any> }).task;
}

/** Everything a checklist mutation could write: tasks, edges, launches (versions and revisions). */
async function snapshot() {
  const [row] = await t.sql(`SELECT
    (SELECT count(*)::int FROM tasks) AS tasks,
    (SELECT count(*)::int FROM task_dependencies) AS deps,
    (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM tasks x) AS task_rows,
    (SELECT coalesce(json_agg(d ORDER BY d.task_id, d.depends_on_id), '[]') FROM task_dependencies d) AS dep_rows,
    (SELECT coalesce(json_agg(l ORDER BY l.id), '[]') FROM launches l) AS launch_rows`);
  return row;
}

/** Runs a mutation that must fail and asserts it wrote nothing at all. */
async function writesNothing(run: () => Promise<Res>): Promise<Res> {
  const before = await snapshot();
  const res = await run();
  expect(res.errors).toBeDefined();
  expect(await snapshot()).toEqual(before);
  return res;
}
const ext = (res: Res) => res.errors![0].extensions;

async function status(launchId: string) {
  return ok(await t.gql(STATUS, { id: launchId })).launch.checklistStatus;
}
async function depCount(where = 'true', params: unknown[] = []): Promise<number> {
  return (await t.sql(`SELECT count(*)::int AS n FROM task_dependencies WHERE ${where}`, params))[0]
    .n;
}

interface Spec {
  status?: string;
  required?: boolean;
  due?: number | null;
  role?: string;
}
/** A launch without template tasks, holding exactly the given tasks. */
async function launchWith(specs: Spec[], launchDate = daysFromToday(60)): Promise<TestLaunch> {
  const launch = await buildLaunch(t, { applyTemplate: false, launchDate });
  for (const s of specs) {
    const created = await buildTask(t, launch, {
      required: s.required ?? false,
      ownerRole: s.role ?? 'ENGINEERING',
      dueDate: s.due == null ? null : daysFromToday(s.due),
    });
    if (s.status && s.status !== 'TODO') ok(await updateTask({ id: created.id, status: s.status }));
  }
  return launch;
}

describe('createTask', () => {
  let home: TestLaunch;
  let foreignTask: { id: string };
  beforeAll(async () => {
    home = await buildLaunch(t);
    foreignTask = await buildTask(t, await buildLaunch(t));
  });

  it('creates a task whose fields round-trip, with the title trimmed and required false by default', async () => {
    const launch = await buildLaunch(t);
    const assignee = await buildPerson(t, { discipline: 'SUPPORT' });
    const dep = await buildTask(t, launch);
    const created = await task(
      createTask({
        launchId: launch.id,
        title: '  Write the support FAQ  ',
        description: 'Top 20 questions',
        ownerRole: 'SUPPORT',
        assigneeId: assignee.id,
        dueDate: daysFromToday(5),
        dependsOnIds: [dep.id],
      }),
    );
    expect(created).toEqual({
      id: expect.any(String),
      title: 'Write the support FAQ',
      description: 'Top 20 questions',
      ownerRole: 'SUPPORT',
      phase: 'PRE_LAUNCH',
      status: 'TODO',
      required: false,
      dueDate: daysFromToday(5),
      blockedReason: null,
      completedAt: null,
      version: 1,
      assignee: { id: assignee.id, name: assignee.name },
      dependsOn: [{ id: dep.id }],
    });
    const [row] = await t.sql(`SELECT title, required, launch_id FROM tasks WHERE id = $1`, [
      uuidOf(created.id),
    ]);
    expect(row).toEqual({
      title: 'Write the support FAQ',
      required: false,
      launch_id: uuidOf(launch.id),
    });
    expect(
      await depCount('task_id = $1 AND depends_on_id = $2', [uuidOf(created.id), uuidOf(dep.id)]),
    ).toBe(1);
  });

  it.each([
    ['a launchId of no launch', () => ({ launchId: globalId('Launch', NOWHERE) }), 'launchId'],
    ['an assigneeId of nobody', () => ({ assigneeId: globalId('Person', NOWHERE) }), 'assigneeId'],
    [
      'dependsOnIds naming a task of another launch',
      () => ({ dependsOnIds: [foreignTask.id] }),
      'dependsOnIds',
    ],
  ])(
    'rejects %s with BAD_USER_INPUT on that field and writes nothing',
    async (_label, override, field) => {
      const res = await writesNothing(() =>
        createTask({ launchId: home.id, title: 'Nope', ownerRole: 'PM', ...override() }),
      );
      expect(ext(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    },
  );
});

describe('updateTask', () => {
  let launch: TestLaunch;
  beforeAll(async () => {
    launch = await buildLaunch(t);
  });

  it('sets completedAt on DONE and SKIPPED and clears it when reopened, one version per update', async () => {
    const { id } = await buildTask(t, launch);
    const steps: Array<[string, boolean]> = [
      ['IN_PROGRESS', false],
      ['DONE', true],
      ['TODO', false],
      ['SKIPPED', true],
      ['TODO', false],
    ];
    for (const [i, [to, closed]] of steps.entries()) {
      const updated = await task(updateTask({ id, status: to, expectedVersion: i + 1 }));
      expect(updated).toMatchObject({ status: to, version: i + 2 });
      expect(updated.completedAt).toEqual(
        closed ? expect.stringMatching(/^\d{4}-\d\d-\d\dT/) : null,
      );
    }
  });

  it('clears the assignee on an explicit null and keeps it when assigneeId is omitted', async () => {
    const person = await buildPerson(t);
    const { id } = await buildTask(t, launch, { assigneeId: person.id });
    expect((await task(updateTask({ id, description: 'more detail' }))).assignee).toEqual({
      id: person.id,
      name: person.name,
    });
    const cleared = await task(updateTask({ id, assigneeId: null }));
    expect(cleared.assignee).toBeNull();
    expect(
      (await t.sql(`SELECT assignee_id FROM tasks WHERE id = $1`, [uuidOf(id)]))[0].assignee_id,
    ).toBeNull();
  });

  it('rejects an empty assigneeId with BAD_USER_INPUT on assigneeId and writes nothing', async () => {
    const { id } = await buildTask(t, launch);
    const res = await writesNothing(() => updateTask({ id, assigneeId: '' }));
    expect(ext(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assigneeId' });
  });

  it('changes dueDate, required, title, ownerRole and blockedReason', async () => {
    const { id } = await buildTask(t, launch, { dueDate: daysFromToday(3) });
    const updated = await task(
      updateTask({
        id,
        expectedVersion: 1,
        dueDate: daysFromToday(9),
        required: true,
        title: '  Renamed  ',
        ownerRole: 'LEGAL',
        status: 'BLOCKED',
        blockedReason: 'Waiting on counsel',
      }),
    );
    expect(updated).toMatchObject({
      dueDate: daysFromToday(9),
      required: true,
      title: 'Renamed',
      ownerRole: 'LEGAL',
      status: 'BLOCKED',
      blockedReason: 'Waiting on counsel',
      version: 2,
    });
    const next = await task(
      updateTask({ id, expectedVersion: 2, blockedReason: 'Waiting on finance', dueDate: null }),
    );
    expect(next).toMatchObject({ blockedReason: 'Waiting on finance', dueDate: null, version: 3 });
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const { id } = await buildTask(t, launch);
    ok(await updateTask({ id, title: 'v2' }));
    const res = await writesNothing(() =>
      updateTask({ id, expectedVersion: 1, title: 'stale write', status: 'DONE' }),
    );
    expect(ext(res)!.code).toBe('CONFLICT');
  });

  it('refuses DONE while a dependency is open, naming it, and allows it once the dependency is DONE or SKIPPED', async () => {
    for (const closeAs of ['DONE', 'SKIPPED']) {
      const dep = await buildTask(t, launch, { title: `Legal review ${closeAs}` });
      const waiting = await buildTask(t, launch, { dependsOnIds: [dep.id] });
      const res = await writesNothing(() => updateTask({ id: waiting.id, status: 'DONE' }));
      expect(ext(res)!.code).toBe('FAILED_PRECONDITION');
      expect(res.errors![0].message).toContain(`Legal review ${closeAs}`);
      expect(
        (await t.sql(`SELECT status FROM tasks WHERE id = $1`, [uuidOf(waiting.id)]))[0].status,
      ).toBe('TODO');
      ok(await updateTask({ id: dep.id, status: closeAs }));
      expect(await task(updateTask({ id: waiting.id, status: 'DONE' }))).toMatchObject({
        status: 'DONE',
      });
    }
  });

  it('rejects title: null with BAD_USER_INPUT on field title', async () => {
    const { id } = await buildTask(t, launch);
    const res = await writesNothing(() => updateTask({ id, title: null }));
    expect(ext(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  });
});

describe('who may change tasks', () => {
  let launch: TestLaunch;
  let stranger: TestPerson;
  let assignee: TestPerson;
  let viewer: TestPerson;
  let mine: { id: string };
  let other: { id: string };
  beforeAll(async () => {
    launch = await buildLaunch(t);
    stranger = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'PM' });
    assignee = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'ENGINEERING' });
    viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
    mine = await buildTask(t, launch, { assigneeId: assignee.id });
    other = await buildTask(t, launch);
  });

  it.each([
    ['updateTask', (tok: string) => updateTask({ id: mine.id, status: 'IN_PROGRESS' }, tok)],
    ['deleteTask', (tok: string) => deleteTask({ id: other.id }, tok)],
    [
      'createTask',
      (tok: string) => createTask({ launchId: launch.id, title: 'Sneaky', ownerRole: 'PM' }, tok),
    ],
    ['addTaskDependency', (tok: string) => addDep(mine.id, other.id, tok)],
  ])(
    'forbids %s to a MEMBER who owns neither the launch nor the task, writing nothing',
    async (_op, run) => {
      const res = await writesNothing(() => run(stranger.token));
      expect(ext(res)!.code).toBe('FORBIDDEN');
    },
  );

  it.each([
    ['updateTask', (tok: string) => updateTask({ id: mine.id, status: 'IN_PROGRESS' }, tok)],
    [
      'createTask',
      (tok: string) => createTask({ launchId: launch.id, title: 'Sneaky', ownerRole: 'PM' }, tok),
    ],
    ['deleteTask', (tok: string) => deleteTask({ id: other.id }, tok)],
  ])('forbids %s to a VIEWER, writing nothing', async (_op, run) => {
    const res = await writesNothing(() => run(viewer.token));
    expect(ext(res)!.code).toBe('FORBIDDEN');
  });

  it('lets the assignee change status, description and blockedReason of their task', async () => {
    const updated = await task(
      updateTask(
        {
          id: mine.id,
          status: 'BLOCKED',
          description: 'Needs API keys',
          blockedReason: 'Vendor slow',
        },
        assignee.token,
      ),
    );
    expect(updated).toMatchObject({
      status: 'BLOCKED',
      description: 'Needs API keys',
      blockedReason: 'Vendor slow',
    });
    expect(
      await task(updateTask({ id: mine.id, status: 'IN_PROGRESS' }, assignee.token)),
    ).toMatchObject({ status: 'IN_PROGRESS' });
  });

  it.each([
    ['title', { title: 'Mine now' }],
    ['dueDate', { dueDate: daysFromToday(2) }],
    ['required', { required: true }],
    ['assigneeId', { assigneeId: null }],
  ])(
    'forbids the assignee an update that also includes %s, writing nothing',
    async (_field, extra) => {
      const res = await writesNothing(() =>
        updateTask({ id: mine.id, status: 'TODO', description: 'x', ...extra }, assignee.token),
      );
      expect(ext(res)!.code).toBe('FORBIDDEN');
    },
  );

  it.each([
    ['PM', () => launch.pm],
    ['PMM', () => launch.pmm],
  ])('lets the %s owner change any field, create and delete', async (_role, who) => {
    const { token } = who();
    const { id } = await buildTask(t, launch);
    const updated = await task(
      updateTask(
        {
          id,
          title: 'Owner edit',
          dueDate: daysFromToday(4),
          required: true,
          ownerRole: 'DESIGN',
          assigneeId: assignee.id,
          status: 'IN_PROGRESS',
          description: 'd',
          blockedReason: null,
        },
        token,
      ),
    );
    expect(updated).toMatchObject({
      title: 'Owner edit',
      dueDate: daysFromToday(4),
      required: true,
      ownerRole: 'DESIGN',
      status: 'IN_PROGRESS',
      assignee: { id: assignee.id },
    });
    const created = await task(
      createTask({ launchId: launch.id, title: 'By owner', ownerRole: 'PMM' }, token),
    );
    ok(await addDep(created.id, id, token));
    expect(ok(await deleteTask({ id: created.id }, token)).deleteTask.deletedTaskId).toBe(
      created.id,
    );
  });
});

describe('task dependencies', () => {
  let launch: TestLaunch;
  beforeAll(async () => {
    launch = await buildLaunch(t);
  });
  const three = async () =>
    Promise.all([buildTask(t, launch), buildTask(t, launch), buildTask(t, launch)]);

  it('adds and removes an edge, listing dependsOn ids', async () => {
    const [a, b, c] = await three();
    expect(ok(await addDep(a.id, b.id)).addTaskDependency.task).toEqual({
      id: a.id,
      dependsOn: [{ id: b.id }],
    });
    const both = ok(await addDep(a.id, c.id)).addTaskDependency.task;
    expect(both.dependsOn.map((d: { id: string }) => d.id).sort()).toEqual([b.id, c.id].sort());
    expect(ok(await removeDep(a.id, b.id)).removeTaskDependency.task).toEqual({
      id: a.id,
      dependsOn: [{ id: c.id }],
    });
    expect(await depCount('task_id = $1', [uuidOf(a.id)])).toBe(1);
  });

  it('refuses a dependency on itself with FAILED_PRECONDITION', async () => {
    const [a] = await three();
    expect(ext(await writesNothing(() => addDep(a.id, a.id)))!.code).toBe('FAILED_PRECONDITION');
  });

  it('refuses the edge that would close a cycle with FAILED_PRECONDITION and writes no edge', async () => {
    const [a, b, c] = await three();
    ok(await addDep(a.id, b.id));
    ok(await addDep(b.id, c.id));
    const res = await writesNothing(() => addDep(c.id, a.id));
    expect(ext(res)!.code).toBe('FAILED_PRECONDITION');
    expect(await depCount('task_id = $1', [uuidOf(c.id)])).toBe(0);
  });

  it('rejects a task of another launch with BAD_USER_INPUT on field dependsOnId', async () => {
    const [a] = await three();
    const foreign = await buildTask(t, await buildLaunch(t));
    const res = await writesNothing(() => addDep(a.id, foreign.id));
    expect(ext(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dependsOnId' });
  });

  it('answers NOT_FOUND for an unknown taskId', async () => {
    const [a] = await three();
    expect(ext(await writesNothing(() => addDep(globalId('Task', NOWHERE), a.id)))!.code).toBe(
      'NOT_FOUND',
    );
  });

  it('deletes a task with its edges in both directions and returns its id', async () => {
    const [a, b, c] = await three();
    ok(await addDep(a.id, b.id));
    ok(await addDep(b.id, c.id));
    const before = await snapshot();
    const res = ok(await deleteTask({ id: b.id }));
    expect(res.deleteTask.deletedTaskId).toBe(b.id);
    expect(await depCount('task_id = $1 OR depends_on_id = $1', [uuidOf(b.id)])).toBe(0);
    const after = await snapshot();
    expect([after.tasks, after.deps]).toEqual([before.tasks - 1, before.deps - 2]);
    expect(await t.sql(`SELECT 1 FROM tasks WHERE id = $1`, [uuidOf(b.id)])).toHaveLength(0);
  });

  it('refuses deleting with a stale expectedVersion with CONFLICT', async () => {
    const [a] = await three();
    ok(await updateTask({ id: a.id, title: 'bumped' }));
    expect(ext(await writesNothing(() => deleteTask({ id: a.id, expectedVersion: 1 })))!.code).toBe(
      'CONFLICT',
    );
  });
});

describe('checklistStatus', () => {
  it('is all zeros and COMPLETE for a launch with no tasks', async () => {
    const launch = await launchWith([]);
    expect(await status(launch.id)).toEqual({
      launchId: launch.id,
      totalCount: 0,
      closedCount: 0,
      percentComplete: 0,
      overdueCount: 0,
      blockedCount: 0,
      requiredOpenCount: 0,
      health: 'COMPLETE',
      byOwnerRole: [],
      revision: 0,
    });
  });

  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [3, 3, 100],
    [0, 2, 0],
  ])('rounds percentComplete for %i of %i closed to %d', async (closed, total, percent) => {
    const specs = Array.from(
      { length: total },
      (_, i): Spec => ({ status: i < closed ? (i % 2 ? 'SKIPPED' : 'DONE') : 'TODO' }),
    );
    const s = await status((await launchWith(specs)).id);
    expect([s.totalCount, s.closedCount, s.percentComplete]).toEqual([total, closed, percent]);
  });

  it('counts overdue, blocked and required-open tasks and lists disciplines present in enum order', async () => {
    const launch = await launchWith([
      { role: 'LEGAL', due: -2, required: true }, // open, overdue, required
      { role: 'SUPPORT', due: -5, status: 'DONE' }, // overdue date but closed: not counted
      { role: 'PM', status: 'BLOCKED', required: true, due: 10 }, // blocked, required
      { role: 'EXECUTIVE', status: 'SKIPPED', due: -1 },
      { role: 'PMM', due: 0 }, // due today: not overdue
      { role: 'SALES', status: 'IN_PROGRESS', due: -1 }, // open, overdue, optional
      { role: 'PM', status: 'DONE', required: true },
      { role: 'ENGINEERING' },
    ]);
    const s = await status(launch.id);
    expect(s).toMatchObject({
      totalCount: 8,
      closedCount: 3,
      percentComplete: 37.5,
      overdueCount: 2,
      blockedCount: 1,
      requiredOpenCount: 2,
      health: 'OFF_TRACK',
    });
    expect(s.byOwnerRole).toEqual([
      { role: 'PM', totalCount: 2, closedCount: 1 },
      { role: 'PMM', totalCount: 1, closedCount: 0 },
      { role: 'ENGINEERING', totalCount: 1, closedCount: 0 },
      { role: 'SALES', totalCount: 1, closedCount: 0 },
      { role: 'SUPPORT', totalCount: 1, closedCount: 1 },
      { role: 'LEGAL', totalCount: 1, closedCount: 0 },
      { role: 'EXECUTIVE', totalCount: 1, closedCount: 1 },
    ]);
  });

  it.each<[string, Spec[], string, number?]>([
    [
      'COMPLETE when no required task is open, even with optional ones open and overdue',
      [{ required: true, status: 'DONE' }, { due: -3 }, { status: 'BLOCKED' }],
      'COMPLETE',
    ],
    [
      'OFF_TRACK when a required open task is overdue',
      [{ required: true, due: -1, status: 'IN_PROGRESS' }],
      'OFF_TRACK',
    ],
    [
      'OFF_TRACK when the launch date has passed with a required task open',
      [{ required: true, due: 20, status: 'IN_PROGRESS' }],
      'OFF_TRACK',
      -1,
    ],
    [
      'ON_TRACK when an optional BLOCKED task holds up no required work (INFO)',
      [
        { required: true, due: 30 },
        { status: 'BLOCKED', due: 30 },
      ],
      'ON_TRACK',
    ],
    [
      'AT_RISK when a required task is BLOCKED',
      [{ required: true, due: 30, status: 'BLOCKED' }],
      'AT_RISK',
    ],
    [
      'ON_TRACK when an optional overdue task holds up no required work (INFO)',
      [{ required: true, due: 30 }, { due: -2 }],
      'ON_TRACK',
    ],
    ['AT_RISK when a required TODO task is due today + 7', [{ required: true, due: 7 }], 'AT_RISK'],
    [
      'ON_TRACK when a required TODO task is due today + 8',
      [{ required: true, due: 8 }],
      'ON_TRACK',
    ],
    [
      'ON_TRACK when a required IN_PROGRESS task is due in 3 days',
      [{ required: true, due: 3, status: 'IN_PROGRESS' }],
      'ON_TRACK',
    ],
    [
      'ON_TRACK when required work is open without a due date',
      [
        { required: true, due: null },
        { status: 'DONE', due: -4 },
      ],
      'ON_TRACK',
    ],
  ])('is %s', async (_label, specs, health, launchIn = 60) => {
    const launch = await launchWith(specs, daysFromToday(launchIn));
    expect((await status(launch.id)).health).toBe(health);
  });

  it('raises revision by exactly one per committed change and not at all on a failed mutation', async () => {
    const launch = await launchWith([]);
    let expected = (await status(launch.id)).revision;
    const step = async (run: () => Promise<Res>, commits: boolean) => {
      const res = await run();
      if (commits) {
        ok(res);
        expected += 1;
      } else expect(res.errors).toBeDefined();
      expect((await status(launch.id)).revision).toBe(expected);
      return res;
    };
    const a = (
      await step(() => createTask({ launchId: launch.id, title: 'A', ownerRole: 'PM' }), true)
    ).data!.createTask.task;
    const b = (
      await step(() => createTask({ launchId: launch.id, title: 'B', ownerRole: 'PM' }), true)
    ).data!.createTask.task;
    await step(() => updateTask({ id: a.id, status: 'IN_PROGRESS' }), true);
    await step(() => updateTask({ id: a.id, expectedVersion: 1, title: 'stale' }), false);
    await step(() => addDep(a.id, b.id), true);
    await step(() => addDep(b.id, a.id), false);
    await step(() => updateTask({ id: a.id, status: 'DONE' }), false);
    await step(() => removeDep(a.id, b.id), true);
    await step(
      () => t.gql(UPDATE_LAUNCH, { input: { id: launch.id, launchDate: daysFromToday(75) } }),
      true,
    );
    await step(() => deleteTask({ id: b.id, expectedVersion: 99 }), false);
    await step(() => deleteTask({ id: b.id }), true);
  });
});

describe('me.assignedTasks', () => {
  let me: TestPerson;
  let l1: TestLaunch;
  let l2: TestLaunch;
  const ids: Record<string, string> = {};
  const myTasks = (variables: Record<string, unknown>) => op('MyTasks', variables, me.token);
  const titles = async (variables: Record<string, unknown>) =>
    ok(await myTasks(variables)).me.assignedTasks.edges.map((e: any) => e.node.title);

  beforeAll(async () => {
    me = await buildPerson(t, { discipline: 'DESIGN' });
    const someoneElse = await buildPerson(t);
    l1 = await buildLaunch(t, { name: 'Alpha launch', launchDate: daysFromToday(30) });
    l2 = await buildLaunch(t, { name: 'Beta launch', launchDate: daysFromToday(40) });
    const make = async (key: string, launch: TestLaunch, extra: Record<string, unknown>) => {
      ids[key] = (await buildTask(t, launch, { title: key, assigneeId: me.id, ...extra })).id;
    };
    await make('overdue-required', l1, { dueDate: daysFromToday(-2), required: true });
    await make('soon-optional', l2, { dueDate: daysFromToday(5) });
    await make('later-required', l1, { dueDate: daysFromToday(10), required: true });
    await make('undated', l2, {});
    ok(await updateTask({ id: ids['later-required'], status: 'IN_PROGRESS' }));
    await buildTask(t, l1, {
      title: 'not mine',
      assigneeId: someoneElse.id,
      dueDate: daysFromToday(1),
    });
  });

  it('lists the tasks assigned to the caller across launches, by due date, with their launch', async () => {
    const conn = ok(await myTasks({})).me.assignedTasks;
    expect(conn.totalCount).toBe(4);
    expect(conn.edges.map((e: any) => [e.node.title, e.node.launch])).toEqual([
      ['overdue-required', { id: l1.id, name: 'Alpha launch', launchDate: daysFromToday(30) }],
      ['soon-optional', { id: l2.id, name: 'Beta launch', launchDate: daysFromToday(40) }],
      ['later-required', { id: l1.id, name: 'Alpha launch', launchDate: daysFromToday(30) }],
      ['undated', { id: l2.id, name: 'Beta launch', launchDate: daysFromToday(40) }],
    ]);
    expect(conn.edges.every((e: any) => e.node.assignee.id === me.id)).toBe(true);
  });

  it.each([
    ['status', { status: ['IN_PROGRESS'] }, ['later-required']],
    ['overdue: true', { overdue: true }, ['overdue-required']],
    ['overdue: false', { overdue: false }, ['soon-optional', 'later-required', 'undated']],
    ['required: true', { required: true }, ['overdue-required', 'later-required']],
    ['required: false', { required: false }, ['soon-optional', 'undated']],
  ])('filters by %s', async (_label, filter, expected) => {
    expect(await titles({ filter })).toEqual(expected);
  });

  it('pages with first: 1 through every assigned task', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const conn: any = ok(await myTasks({ first: 1, after })).me.assignedTasks;
      expect(conn.edges).toHaveLength(1);
      seen.push(conn.edges[0].node.id);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      ids['overdue-required'],
      ids['soon-optional'],
      ids['later-required'],
      ids.undated,
    ]);
  });
});

describe('concurrent updates', () => {
  it('lets exactly one of 10 writers with the same expectedVersion win; the rest get CONFLICT', async () => {
    const launch = await buildLaunch(t);
    const { id, version } = await buildTask(t, launch);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateTask({ id, expectedVersion: version, title: `Writer ${i}` }),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(9);
    const [row] = await t.sql(`SELECT title, version FROM tasks WHERE id = $1`, [uuidOf(id)]);
    expect(row).toEqual({ title: winners[0].data!.updateTask.task.title, version: version + 1 });
  });
});

describe('checklistTemplates', () => {
  let templates: Array<{ tier: string; items: Array<Record<string, any>> }>;
  beforeAll(async () => {
    templates = ok(await op('ChecklistTemplates', {})).checklistTemplates;
  });

  it.each([
    ['TIER_1', 25, 40, 56, 84],
    ['TIER_2', 12, 18, 28, 42],
    ['TIER_3', 5, 8, 7, 14],
  ])(
    'has a %s template of the documented size and span',
    (tier, minItems, maxItems, minDays, maxDays) => {
      const template = templates.find((x) => x.tier === tier)!;
      expect(template.items.length).toBeGreaterThanOrEqual(minItems);
      expect(template.items.length).toBeLessThanOrEqual(maxItems);
      const span = Math.max(...template.items.map((i) => i.daysBeforeLaunch));
      expect(span).toBeGreaterThanOrEqual(minDays);
      expect(span).toBeLessThanOrEqual(maxDays);
    },
  );

  it('has exactly the three tiers, unique keys, and dependencies only on keys of the same template', () => {
    expect(templates.map((x) => x.tier).sort()).toEqual(['TIER_1', 'TIER_2', 'TIER_3']);
    for (const template of templates) {
      const keys = template.items.map((i) => i.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const item of template.items)
        for (const dep of item.dependsOnKeys) expect(keys).toContain(dep);
    }
  });

  it('covers PM, PMM, ENGINEERING, DESIGN, SALES, SUPPORT, MARKETING and LEGAL in TIER_1', () => {
    const roles = new Set(
      templates.find((x) => x.tier === 'TIER_1')!.items.map((i) => i.ownerRole),
    );
    for (const role of [
      'PM',
      'PMM',
      'ENGINEERING',
      'DESIGN',
      'SALES',
      'SUPPORT',
      'MARKETING',
      'LEGAL',
    ])
      expect(roles).toContain(role);
  });
});
