import { Readiness1764214000000 } from '../migrations/1764214000000-readiness';
import { buildLaunch, buildTask, daysFromToday } from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

const TEMPLATES = `{ checklistTemplates { tier items {
  key phase required daysBeforeLaunch dependsOnKeys completedBy } } }`;
const TASKS = `query($id: ID!, $filter: TaskFilter) { launch(id: $id) { launchDate
  tasks(first: 100, filter: $filter) { totalCount edges { node {
    id title phase required dueDate dependsOn { id dueDate } blocks { id title required } } } } } }`;
const UPDATE_TASK = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id phase } } }`;
const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id phase } } }`;
const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

function ok(res: GraphQLResponse): Record<string, any> {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** The next date on or after `from` days from today that falls on `weekday` (0 = Sunday). */
function nextWeekday(weekday: number, from = 100): string {
  const d = new Date(`${daysFromToday(from)}T00:00:00Z`);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

async function tasksOf(launchId: string, filter?: Record<string, unknown>) {
  const data = ok(await t.gql(TASKS, { id: launchId, filter }));
  return data.launch.tasks.edges.map((e: { node: Record<string, any> }) => e.node);
}

describe('template phases', () => {
  it('gives every item the phase its day implies, and deliverables the event that closes them', async () => {
    const { checklistTemplates } = ok(await t.gql(TEMPLATES));
    for (const template of checklistTemplates) {
      for (const item of template.items) {
        const expected =
          item.daysBeforeLaunch > 0
            ? 'PRE_LAUNCH'
            : item.daysBeforeLaunch === 0
              ? 'LAUNCH_DAY'
              : 'POST_LAUNCH';
        expect([item.key, item.phase]).toEqual([item.key, expected]);
      }
    }
    const completing = checklistTemplates.flatMap((x: any) =>
      x.items
        .filter((i: any) => i.completedBy)
        .map((i: any) => `${x.tier}:${i.key}:${i.completedBy}`),
    );
    expect(completing.sort()).toEqual([
      'TIER_1:messaging-brief-approved:MESSAGING_BRIEF_APPROVED',
      'TIER_1:pricing-confirmed:PRICING_SCENARIO_APPLIED',
      'TIER_2:plan-entitlements-confirmed:PRICING_SCENARIO_APPLIED',
      'TIER_2:positioning-messaging-approved:MESSAGING_BRIEF_APPROVED',
    ]);
  });

  it('covers the reviewed TIER_1 topics within 25-40 items', async () => {
    const { checklistTemplates } = ok(await t.gql(TEMPLATES));
    const tier1 = checklistTemplates.find((x: any) => x.tier === 'TIER_1');
    expect(tier1.items.length).toBeLessThanOrEqual(40);
    const keys = tier1.items.map((i: any) => i.key);
    for (const key of [
      'success-metrics-instrumented',
      'in-app-and-website-announcements-ready',
      'on-call-and-status-page-ready',
      'internal-announcement-sent',
      'partner-enablement-delivered',
    ])
      expect(keys).toContain(key);
  });

  it('puts no TIER_1 task of a Tuesday launch on a weekend; go/no-go moves to the Friday before', async () => {
    const launchDate = nextWeekday(2);
    const launch = await buildLaunch(t, { tier: 'TIER_1', launchDate, applyTemplate: true });
    const tasks = await tasksOf(launch.id);
    expect(tasks).toHaveLength(39);
    expect(tasks.filter((x: any) => [0, 6].includes(weekday(x.dueDate)))).toEqual([]);
    const goNoGo = tasks.find((x: any) => x.title === 'Go/no-go decision');
    const friday = new Date(`${launchDate}T00:00:00Z`);
    friday.setUTCDate(friday.getUTCDate() - 4);
    expect(goNoGo.dueDate).toBe(friday.toISOString().slice(0, 10));
    for (const x of tasks.filter((x: any) => x.phase === 'LAUNCH_DAY'))
      expect(x.dueDate).toBe(launchDate);
  });

  it.each([0, 1, 3, 5, 6])(
    'never makes a task due before a task it depends on (TIER_1 and TIER_2, launch on weekday %i)',
    async (day) => {
      for (const tier of ['TIER_1', 'TIER_2']) {
        const launch = await buildLaunch(t, {
          tier,
          launchDate: nextWeekday(day),
          applyTemplate: true,
        });
        for (const x of await tasksOf(launch.id)) {
          for (const dep of x.dependsOn) expect(dep.dueDate <= x.dueDate).toBe(true);
          if (x.phase === 'POST_LAUNCH') expect([0, 6]).not.toContain(weekday(x.dueDate));
        }
      }
    },
  );

  it('keeps shifted due dates off weekends when the launch date moves', async () => {
    const launchDate = nextWeekday(2);
    const launch = await buildLaunch(t, { tier: 'TIER_2', launchDate, applyTemplate: true });
    const moved = nextWeekday(4, 130);
    ok(
      await t.gql(
        `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id } } }`,
        { input: { id: launch.id, launchDate: moved } },
      ),
    );
    const tasks = await tasksOf(launch.id);
    expect(tasks.filter((x: any) => [0, 6].includes(weekday(x.dueDate)))).toEqual([]);
    for (const x of tasks.filter((x: any) => x.phase === 'LAUNCH_DAY'))
      expect(x.dueDate).toBe(moved);
  });
});

describe('task phase', () => {
  it('defaults to PRE_LAUNCH, is settable on create and update, and filters the list', async () => {
    const launch = await buildLaunch(t);
    const created = ok(
      await t.gql(CREATE_TASK, {
        input: { launchId: launch.id, title: 'Post on social', ownerRole: 'MARKETING' },
      }),
    ).createTask.task;
    expect(created.phase).toBe('PRE_LAUNCH');
    const dayOf = ok(
      await t.gql(CREATE_TASK, {
        input: {
          launchId: launch.id,
          title: 'Flip the flag',
          ownerRole: 'ENGINEERING',
          phase: 'LAUNCH_DAY',
        },
      }),
    ).createTask.task;
    expect(dayOf.phase).toBe('LAUNCH_DAY');
    const updated = ok(
      await t.gql(UPDATE_TASK, { input: { id: created.id, phase: 'POST_LAUNCH' } }),
    ).updateTask.task;
    expect(updated.phase).toBe('POST_LAUNCH');
    const post = await tasksOf(launch.id, { phase: ['POST_LAUNCH'] });
    expect(post.map((x: any) => x.id)).toEqual([created.id]);
    const both = await tasksOf(launch.id, { phase: ['POST_LAUNCH', 'LAUNCH_DAY'] });
    expect(both).toHaveLength(2);
  });

  it('refuses a null phase on create and update, writing nothing', async () => {
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch);
    const before = await t.sql(`SELECT count(*)::int AS n FROM tasks WHERE launch_id = $1`, [
      uuidOf(launch.id),
    ]);
    const onCreate = await t.gql(CREATE_TASK, {
      input: { launchId: launch.id, title: 'x', ownerRole: 'PM', phase: null },
    });
    expect(onCreate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'phase',
    });
    const onUpdate = await t.gql(UPDATE_TASK, { input: { id: task.id, phase: null } });
    expect(onUpdate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'phase',
    });
    const after = await t.sql(`SELECT count(*)::int AS n FROM tasks WHERE launch_id = $1`, [
      uuidOf(launch.id),
    ]);
    expect(after).toEqual(before);
    const [row] = await t.sql(`SELECT phase, version FROM tasks WHERE id = $1`, [uuidOf(task.id)]);
    expect(row).toEqual({ phase: 'PRE_LAUNCH', version: task.version });
  });
});

describe('Task.blocks', () => {
  it('lists the tasks that depend on a task, batched in one statement for a page', async () => {
    const launch = await buildLaunch(t, { tier: 'TIER_3', applyTemplate: true });
    const tasks = await tasksOf(launch.id);
    const notes = tasks.find((x: any) => x.title === 'Release notes drafted');
    expect(notes.blocks.map((b: any) => b.title).sort()).toEqual([
      'Changelog entry published',
      'Heads-up posted in support team channel',
      'Help-centre article updated',
    ]);
    for (const x of tasks)
      for (const dep of x.dependsOn)
        expect(tasks.find((y: any) => y.id === dep.id).blocks.map((b: any) => b.id)).toContain(
          x.id,
        );
  });
});

describe('phase migration', () => {
  it('gives existing template tasks their template phase and others one from their due date', async () => {
    const launch = await buildLaunch(t, { tier: 'TIER_3', applyTemplate: true });
    const launchDate = ok(await t.gql(TASKS, { id: launch.id })).launch.launchDate;
    const before = await buildTask(t, launch, { dueDate: daysFromToday(1) });
    const onDay = await buildTask(t, launch, { dueDate: launchDate });
    const after = await buildTask(t, launch, { dueDate: daysFromToday(60) });
    const undated = await buildTask(t, launch);
    const runner = t.app.dataSource.createQueryRunner();
    try {
      const migration = new Readiness1764214000000();
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      const rows: Array<{ id: string; template_key: string | null; phase: string }> =
        await runner.query(`SELECT id, template_key, phase FROM tasks WHERE launch_id = $1`, [
          uuidOf(launch.id),
        ]);
      const phaseOf = (id: string) => rows.find((r) => r.id === uuidOf(id))!.phase;
      expect(phaseOf(before.id)).toBe('PRE_LAUNCH');
      expect(phaseOf(onDay.id)).toBe('LAUNCH_DAY');
      expect(phaseOf(after.id)).toBe('POST_LAUNCH');
      expect(phaseOf(undated.id)).toBe('PRE_LAUNCH');
      const byKey = Object.fromEntries(rows.map((r) => [r.template_key, r.phase]));
      expect(byKey['feature-flag-rollout']).toBe('LAUNCH_DAY');
      expect(byKey['release-notes-drafted']).toBe('PRE_LAUNCH');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
