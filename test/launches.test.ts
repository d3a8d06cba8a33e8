import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globalId, uuidOf } from './support/helpers';
import {
  buildLaunch,
  buildPerson,
  buildTask,
  daysFromToday,
  decideGo,
  type TestLaunch,
  type TestPerson,
} from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const CREATE = `mutation($input: CreateLaunchInput!) { createLaunch(input: $input) { launch {
  id name product tier status launchDate version pmOwner { id } pmmOwner { id }
  tasks(first: 100) { totalCount edges { node { title ownerRole required dueDate assignee { id } dependsOn { title } } } } } } }`;
const UPDATE = `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch {
  id name summary launchDate version pmOwner { id } pmmOwner { id } } } }`;
const TRANSITION = `mutation($input: TransitionLaunchInput!) { transitionLaunch(input: $input) { launch { id status version } } }`;
const UPDATE_TASK = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status dueDate } } }`;
const LAUNCH = `query($id: ID!) { launch(id: $id) { id name summary status launchDate version pmOwner { id }
  tasks(first: 100) { edges { node { id title status dueDate dependsOn { id } } } } } }`;
const BOARD = `query($first: Int, $after: String, $filter: LaunchFilter, $orderBy: LaunchOrder) {
  launches(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`;
const TEMPLATES = `{ checklistTemplates { tier items { key title ownerRole required daysBeforeLaunch dependsOnKeys } } }`;

let t: TestApp;
let pm: TestPerson;
let pmm: TestPerson;
let member: TestPerson;
let viewer: TestPerson;
let templates: Record<
  string,
  Array<{
    key: string;
    title: string;
    ownerRole: string;
    required: boolean;
    daysBeforeLaunch: number;
    dependsOnKeys: string[];
  }>
>;

beforeAll(async () => {
  t = await startTestApp();
  pm = await buildPerson(t, { discipline: 'PM' });
  pmm = await buildPerson(t, { discipline: 'PMM' });
  member = await buildPerson(t, { discipline: 'ENGINEERING', accessLevel: 'MEMBER' });
  viewer = await buildPerson(t, { discipline: 'SALES', accessLevel: 'VIEWER' });
  const res = await t.gql(TEMPLATES);
  templates = Object.fromEntries(
    res.data!.checklistTemplates.map((tpl: any) => [tpl.tier, tpl.items]),
  );
});
afterAll(() => t.dispose());

async function count(table: string): Promise<number> {
  return (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
}
async function counts() {
  return {
    launches: await count('launches'),
    tasks: await count('tasks'),
    deps: await count('task_dependencies'),
  };
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** A template due date: launch date − days, off weekends (before launch: Friday; after: Monday). */
function weekdayDue(launchDate: string, daysBefore: number): string {
  if (daysBefore === 0) return launchDate;
  const due = addDays(launchDate, -daysBefore);
  const day = new Date(`${due}T00:00:00Z`).getUTCDay();
  if (day === 6) return addDays(due, daysBefore > 0 ? -1 : 2);
  if (day === 0) return addDays(due, daysBefore > 0 ? -2 : 1);
  return due;
}
function createInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `Launch ${randomBytes(3).toString('hex')}`,
    product: 'Workflow Automations',
    tier: 'TIER_3',
    launchDate: daysFromToday(60),
    pmOwnerId: pm.id,
    pmmOwnerId: pmm.id,
    ...overrides,
  };
}
async function readLaunch(id: string) {
  const res = await t.gql(LAUNCH, { id });
  return res.data!.launch;
}
async function transition(
  launch: { id: string },
  to: string,
  expectedVersion?: number,
  token?: string,
) {
  return t.gql(TRANSITION, { input: { id: launch.id, to, expectedVersion } }, token);
}
async function closeTask(id: string, status: 'SKIPPED' | 'DONE' = 'SKIPPED') {
  const res = await t.gql(UPDATE_TASK, { input: { id, status } });
  expect(res.errors).toBeUndefined();
  return res.data!.updateTask.task;
}

describe('createLaunch', () => {
  it.each(['TIER_1', 'TIER_2', 'TIER_3'])(
    'creates the %s template tasks by default, dated, assigned and wired',
    async (tier) => {
      const launchDate = daysFromToday(90);
      const res = await t.gql(CREATE, { input: createInput({ tier, launchDate }) });
      expect(res.errors).toBeUndefined();
      const launch = res.data!.createLaunch.launch;
      expect(launch).toMatchObject({
        tier,
        launchDate,
        status: 'PLANNING',
        version: 1,
        pmOwner: { id: pm.id },
        pmmOwner: { id: pmm.id },
      });
      const items = templates[tier];
      expect(items.length).toBeGreaterThan(0);
      expect(launch.tasks.totalCount).toBe(items.length);
      const tasks = launch.tasks.edges.map((e: any) => e.node);
      expect(tasks).toHaveLength(items.length);
      const titleByKey = new Map(items.map((i) => [i.key, i.title]));
      for (const item of items) {
        const matching = tasks.filter((task: any) => task.title === item.title);
        expect(matching).toHaveLength(1);
        const task = matching[0];
        expect(task.ownerRole).toBe(item.ownerRole);
        expect(task.required).toBe(item.required);
        expect(task.dueDate).toBe(weekdayDue(launchDate, item.daysBeforeLaunch));
        const assignee = item.ownerRole === 'PM' ? pm.id : item.ownerRole === 'PMM' ? pmm.id : null;
        expect(task.assignee?.id ?? null).toBe(assignee);
        const deps = task.dependsOn.map((d: any) => d.title).sort();
        expect(deps).toEqual(item.dependsOnKeys.map((k) => titleByKey.get(k)).sort());
      }
      expect(items.some((i) => i.dependsOnKeys.length > 0)).toBe(true);
    },
  );

  it('creates no tasks with applyTemplate: false', async () => {
    const res = await t.gql(CREATE, { input: createInput({ applyTemplate: false }) });
    expect(res.data!.createLaunch.launch).toMatchObject({
      status: 'PLANNING',
      version: 1,
      tasks: { totalCount: 0 },
    });
    const rows = await t.sql(`SELECT count(*)::int AS n FROM tasks WHERE launch_id = $1`, [
      uuidOf(res.data!.createLaunch.launch.id),
    ]);
    expect(rows[0].n).toBe(0);
  });

  it.each([
    ['a launch date of 2026-02-30', () => ({ launchDate: '2026-02-30' }), null],
    ['a launch date of "tomorrow"', () => ({ launchDate: 'tomorrow' }), null],
    [
      'a pmOwnerId naming nobody',
      () => ({ pmOwnerId: globalId('Person', randomUUID()) }),
      'pmOwnerId',
    ],
    ['a pmOwnerId of a PMM', () => ({ pmOwnerId: pmm.id }), 'pmOwnerId'],
    ['a pmmOwnerId of a PM', () => ({ pmmOwnerId: pm.id }), 'pmmOwnerId'],
    ['a blank name', () => ({ name: '   ' }), 'name'],
    ['a 201-character product', () => ({ product: 'p'.repeat(201) }), 'product'],
  ])('rejects %s and writes nothing', async (_label, override, field) => {
    const before = await counts();
    const res = await t.gql(CREATE, { input: createInput({ tier: 'TIER_1', ...override() }) });
    expect(res.errors?.[0]).toBeDefined();
    if (field) expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    else {
      expect(res.errors![0].extensions?.field ?? null).toBeNull();
      expect(res.errors![0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors![0].message).toMatch(/Date/);
    }
    expect(res.data?.createLaunch ?? null).toBeNull();
    expect(await counts()).toEqual(before);
  });
});

describe('updateLaunch', () => {
  it('changes name and summary and bumps the version', async () => {
    const launch = await buildLaunch(t, { pm, pmm });
    const res = await t.gql(UPDATE, {
      input: {
        id: launch.id,
        name: '  Renamed launch ',
        summary: 'Why it matters',
        expectedVersion: 1,
      },
    });
    expect(res.data!.updateLaunch.launch).toMatchObject({
      name: 'Renamed launch',
      summary: 'Why it matters',
      version: 2,
    });
    expect(await readLaunch(launch.id)).toMatchObject({
      name: 'Renamed launch',
      summary: 'Why it matters',
      version: 2,
    });
  });

  it('shifts open tasks by the launch date move and leaves DONE and SKIPPED tasks alone', async () => {
    const launch = await buildLaunch(t, {
      pm,
      pmm,
      applyTemplate: true,
      launchDate: daysFromToday(40),
    });
    const before = await readLaunch(launch.id);
    const tasks = before.tasks.edges.map((e: any) => e.node);
    const skipped = tasks[tasks.length - 1];
    const done = tasks.find((task: any) => task.dependsOn.length === 0 && task.id !== skipped.id);
    await closeTask(skipped.id, 'SKIPPED');
    await closeTask(done.id, 'DONE');
    const res = await t.gql(UPDATE, {
      input: { id: launch.id, launchDate: addDays(before.launchDate, 7) },
    });
    expect(res.data!.updateLaunch.launch.launchDate).toBe(addDays(before.launchDate, 7));
    const after = new Map(
      (await readLaunch(launch.id)).tasks.edges.map((e: any) => [e.node.id, e.node]),
    );
    for (const task of tasks) {
      const closed = task.id === skipped.id || task.id === done.id;
      expect((after.get(task.id) as any).dueDate).toBe(
        closed ? task.dueDate : addDays(task.dueDate, 7),
      );
    }
  });

  it('moves no due date with shiftTaskDueDates: false', async () => {
    const launch = await buildLaunch(t, {
      pm,
      pmm,
      applyTemplate: true,
      launchDate: daysFromToday(40),
    });
    const before = await readLaunch(launch.id);
    const res = await t.gql(UPDATE, {
      input: { id: launch.id, launchDate: addDays(before.launchDate, 7), shiftTaskDueDates: false },
    });
    expect(res.data!.updateLaunch.launch.launchDate).toBe(addDays(before.launchDate, 7));
    const after = await readLaunch(launch.id);
    expect(after.tasks.edges.map((e: any) => e.node.dueDate)).toEqual(
      before.tasks.edges.map((e: any) => e.node.dueDate),
    );
  });

  describe('refusals change nothing', () => {
    let launch: TestLaunch;
    beforeAll(async () => {
      launch = await buildLaunch(t, { name: 'Untouched launch', applyTemplate: true });
    });
    const expectUnchanged = async () => {
      const rows = await t.sql(`SELECT name, version, pm_owner_id FROM launches WHERE id = $1`, [
        uuidOf(launch.id),
      ]);
      expect(rows).toEqual([
        { name: 'Untouched launch', version: 1, pm_owner_id: uuidOf(launch.pm.id) },
      ]);
    };

    it('answers CONFLICT for a stale expectedVersion', async () => {
      const res = await t.gql(UPDATE, {
        input: { id: launch.id, name: 'Stale', expectedVersion: 7 },
      });
      expect(res.errors![0].extensions!.code).toBe('CONFLICT');
      await expectUnchanged();
    });

    it('rejects a PM owner of the wrong discipline on field pmOwnerId', async () => {
      const res = await t.gql(UPDATE, {
        input: { id: launch.id, name: 'Wrong owner', pmOwnerId: launch.pmm.id },
      });
      expect(res.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'pmOwnerId',
      });
      await expectUnchanged();
    });

    it.each([
      ['a MEMBER who owns neither role', () => member.token],
      ['a VIEWER', () => viewer.token],
    ])('is FORBIDDEN for %s', async (_label, token) => {
      const res = await t.gql(UPDATE, { input: { id: launch.id, name: 'Hijacked' } }, token());
      expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
      await expectUnchanged();
    });
  });

  it('lets the PM owner update with their own token', async () => {
    const launch = await buildLaunch(t);
    const res = await t.gql(
      UPDATE,
      { input: { id: launch.id, name: 'Owned by PM' } },
      launch.pm.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateLaunch.launch).toMatchObject({ name: 'Owned by PM', version: 2 });
  });
});

describe('transitionLaunch', () => {
  it('walks the full lifecycle, naming open required tasks and bumping the version by one per move', async () => {
    const launch = await buildLaunch(t);
    const legal = await buildTask(t, launch, { required: true, title: 'Legal review of terms' });
    const security = await buildTask(t, launch, { required: true, title: 'Security sign-off' });
    const optional = await buildTask(t, launch, { title: 'Optional blog post' });
    let version = (await readLaunch(launch.id)).version;

    const refused = await transition(launch, 'READY');
    expect(refused.errors![0].extensions!.code).toBe('FAILED_PRECONDITION');
    expect(refused.errors![0].message).toContain('Legal review of terms');
    expect(refused.errors![0].message).toContain('Security sign-off');
    expect(refused.errors![0].message).not.toContain(optional.title);
    expect(await readLaunch(launch.id)).toMatchObject({ status: 'PLANNING', version });

    await closeTask(legal.id);
    await closeTask(security.id);
    const noDecision = await transition(launch, 'READY');
    expect(noDecision.errors![0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      missing: [{ kind: 'DECISION' }],
    });
    version = (await decideGo(t, launch)).version;
    for (const to of ['READY', 'PLANNING', 'CANCELLED', 'PLANNING', 'READY', 'LAUNCHED']) {
      const res = await transition(launch, to, version);
      expect(res.errors).toBeUndefined();
      expect(res.data!.transitionLaunch.launch).toEqual({
        id: launch.id,
        status: to,
        version: version + 1,
      });
      version += 1;
    }
    for (const to of ['PLANNING', 'CANCELLED', 'READY']) {
      const res = await transition(launch, to);
      expect(res.errors![0].extensions!.code).toBe('FAILED_PRECONDITION');
    }
    expect(await readLaunch(launch.id)).toMatchObject({ status: 'LAUNCHED', version });
  });

  it('refuses CANCELLED to READY and PLANNING to LAUNCHED', async () => {
    const launch = await buildLaunch(t);
    const jump = await transition(launch, 'LAUNCHED');
    expect(jump.errors![0].extensions!.code).toBe('FAILED_PRECONDITION');
    expect((await transition(launch, 'CANCELLED')).data!.transitionLaunch.launch.status).toBe(
      'CANCELLED',
    );
    const res = await transition(launch, 'READY');
    expect(res.errors![0].extensions!.code).toBe('FAILED_PRECONDITION');
    expect(await readLaunch(launch.id)).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  it('lets a launch with no tasks become READY', async () => {
    const launch = await buildLaunch(t, { applyTemplate: false });
    const { version } = await decideGo(t, launch);
    const res = await transition(launch, 'READY', version);
    expect(res.data!.transitionLaunch.launch).toMatchObject({
      status: 'READY',
      version: version + 1,
    });
  });

  it('answers CONFLICT for a stale expectedVersion and changes nothing', async () => {
    const launch = await buildLaunch(t);
    const res = await transition(launch, 'CANCELLED', 5);
    expect(res.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await readLaunch(launch.id)).toMatchObject({ status: 'PLANNING', version: 1 });
  });
});

describe('launch board', () => {
  const prefix = `Brd${randomBytes(3).toString('hex')}`;
  const day = (n: number) => daysFromToday(200 + n);
  let pmA: TestPerson, pmmA: TestPerson, pmB: TestPerson, pmmB: TestPerson;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [pmA, pmmA, pmB, pmmB] = [
      await buildPerson(t, { discipline: 'PM' }),
      await buildPerson(t, { discipline: 'PMM' }),
      await buildPerson(t, { discipline: 'PM' }),
      await buildPerson(t, { discipline: 'PMM' }),
    ];
    const specs: Array<[string, string, string, number, TestPerson, TestPerson]> = [
      ['Charlie', 'Payments API', 'TIER_3', 20, pmA, pmmA],
      ['Alpha', 'Payments Core', 'TIER_1', 10, pmA, pmmA],
      ['Delta', 'Search', 'TIER_3', 30, pmA, pmmA],
      ['Bravo', 'Analytics Suite', 'TIER_2', 20, pmA, pmmA],
      ['Echo', 'Mobile', 'TIER_2', 40, pmB, pmmB],
      ['Foxtrot', 'Mobile Payments', 'TIER_1', 50, pmB, pmmA],
    ];
    for (const [name, product, tier, offset, owner, marketer] of specs) {
      ids[name] = (
        await buildLaunch(t, {
          name: `${prefix} ${name}`,
          product,
          tier,
          launchDate: day(offset),
          pm: owner,
          pmm: marketer,
        })
      ).id;
    }
    await transition({ id: ids.Delta }, 'CANCELLED');
  });

  async function board(variables: Record<string, unknown>): Promise<string[]> {
    const res = await t.gql(BOARD, { first: 100, ...variables });
    expect(res.errors).toBeUndefined();
    expect(res.data!.launches.totalCount).toBe(res.data!.launches.edges.length);
    return res.data!.launches.edges.map((e: any) => e.node.name.replace(`${prefix} `, ''));
  }
  async function walk(
    variables: Record<string, unknown>,
    between?: () => Promise<void>,
    namePrefix = prefix,
  ): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const res: any = await t.gql(BOARD, { ...variables, first: 2, after });
      expect(res.errors).toBeUndefined();
      names.push(
        ...res.data.launches.edges.map((e: any) => e.node.name.replace(`${namePrefix} `, '')),
      );
      if (page === 0 && between) await between();
      if (!res.data.launches.pageInfo.hasNextPage) break;
      after = res.data.launches.pageInfo.endCursor;
    }
    expect(new Set(names).size).toBe(names.length);
    return names;
  }
  const tied = () =>
    uuidOf(ids.Bravo) < uuidOf(ids.Charlie) ? ['Bravo', 'Charlie'] : ['Charlie', 'Bravo'];

  it('filters by status and tier', async () => {
    expect(await board({ filter: { search: prefix, status: ['CANCELLED'] } })).toEqual(['Delta']);
    expect(await board({ filter: { search: prefix, status: ['PLANNING', 'READY'] } })).toEqual([
      'Alpha',
      ...tied(),
      'Echo',
      'Foxtrot',
    ]);
    expect(await board({ filter: { search: prefix, tier: ['TIER_3'] } })).toEqual([
      'Charlie',
      'Delta',
    ]);
    expect(await board({ filter: { search: prefix, tier: ['TIER_1', 'TIER_2'] } })).toEqual([
      'Alpha',
      'Bravo',
      'Echo',
      'Foxtrot',
    ]);
  });

  it('filters by ownerId as either the PM or the PMM owner', async () => {
    expect(await board({ filter: { ownerId: pmA.id } })).toEqual(['Alpha', ...tied(), 'Delta']);
    expect(await board({ filter: { ownerId: pmmA.id } })).toEqual([
      'Alpha',
      ...tied(),
      'Delta',
      'Foxtrot',
    ]);
    expect(await board({ filter: { ownerId: pmB.id } })).toEqual(['Echo', 'Foxtrot']);
    expect(await board({ filter: { ownerId: pmmB.id } })).toEqual(['Echo']);
  });

  it('filters by launch date range, both ends inclusive', async () => {
    expect(
      await board({ filter: { search: prefix, launchDateFrom: day(20), launchDateTo: day(30) } }),
    ).toEqual([...tied(), 'Delta']);
    expect(await board({ filter: { search: prefix, launchDateFrom: day(40) } })).toEqual([
      'Echo',
      'Foxtrot',
    ]);
    expect(await board({ filter: { search: prefix, launchDateTo: day(10) } })).toEqual(['Alpha']);
  });

  it('searches name and product regardless of case', async () => {
    expect(await board({ filter: { search: prefix.toUpperCase() } })).toHaveLength(6);
    expect(await board({ filter: { ownerId: pmmA.id, search: 'aLpHa' } })).toEqual(['Alpha']);
    expect(await board({ filter: { ownerId: pmmA.id, search: 'PAYMENTS' } })).toEqual([
      'Alpha',
      'Charlie',
      'Foxtrot',
    ]);
  });

  it.each([
    [
      'LAUNCH_DATE ASC (the default)',
      undefined,
      () => ['Alpha', ...tied(), 'Delta', 'Echo', 'Foxtrot'],
    ],
    [
      'LAUNCH_DATE DESC',
      { field: 'LAUNCH_DATE', direction: 'DESC' },
      () => ['Foxtrot', 'Echo', 'Delta', ...tied().reverse(), 'Alpha'],
    ],
    [
      'NAME ASC',
      { field: 'NAME', direction: 'ASC' },
      () => ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'],
    ],
    [
      'NAME DESC',
      { field: 'NAME', direction: 'DESC' },
      () => ['Foxtrot', 'Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha'],
    ],
    [
      'CREATED_AT ASC',
      { field: 'CREATED_AT', direction: 'ASC' },
      () => ['Charlie', 'Alpha', 'Delta', 'Bravo', 'Echo', 'Foxtrot'],
    ],
    [
      'CREATED_AT DESC',
      { field: 'CREATED_AT', direction: 'DESC' },
      () => ['Foxtrot', 'Echo', 'Bravo', 'Delta', 'Alpha', 'Charlie'],
    ],
  ])(
    'sorts by %s with ties broken by id, in the same order across pages of 2',
    async (_label, orderBy, expected) => {
      expect(await board({ filter: { search: prefix }, orderBy })).toEqual(expected());
      expect(await walk({ filter: { search: prefix }, orderBy })).toEqual(expected());
    },
  );

  it('pages with first: 2 without skipping or repeating, even when a launch is inserted between pages', async () => {
    // Its own names and dates, so that the other board tests never see these launches.
    const pages = `Pg${randomBytes(3).toString('hex')}`;
    const date = (n: number) => daysFromToday(400 + n);
    const owner = await buildPerson(t, { discipline: 'PM' });
    for (const n of [1, 2, 3, 4, 5])
      await buildLaunch(t, { name: `${pages} Page${n}`, launchDate: date(n), pm: owner });
    const names = await walk(
      { filter: { ownerId: owner.id } },
      async () => {
        await buildLaunch(t, { name: `${pages} Early`, launchDate: date(0), pm: owner });
        await buildLaunch(t, { name: `${pages} Late`, launchDate: date(9), pm: owner });
      },
      pages,
    );
    expect(names).toEqual(['Page1', 'Page2', 'Page3', 'Page4', 'Page5', 'Late']);
  });

  it.each(['not a cursor!', Buffer.from('["only-one"]').toString('base64url'), 'bm90LWpzb24'])(
    'rejects the malformed cursor %s on field after',
    async (after) => {
      const res = await t.gql(BOARD, { first: 2, after });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    },
  );

  it.each([0, 101])('rejects first: %i on field first', async (first) => {
    const res = await t.gql(BOARD, { first });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('LaunchBoard SQL statement count', () => {
  const operation = readFileSync(path.join(__dirname, 'contract/launches.graphql'), 'utf8');

  it('runs the same small number of statements for 5 and 50 launches with templates', async () => {
    const owner = await buildPerson(t, { discipline: 'PM' });
    const reader = await buildPerson(t, { discipline: 'DESIGN', accessLevel: 'MEMBER' });
    const measure = async (expected: number) => {
      const before = t.app.queries.count;
      const res = await t.gql(
        operation,
        { first: 100, filter: { ownerId: owner.id } },
        reader.token,
        'LaunchBoard',
      );
      const statements = t.app.queries.count - before;
      expect(res.errors).toBeUndefined();
      expect(res.data!.launches.totalCount).toBe(expected);
      expect(res.data!.launches.edges).toHaveLength(expected);
      for (const edge of res.data!.launches.edges) {
        expect(edge.node.checklistStatus.totalCount).toBe(templates.TIER_3.length);
        expect(edge.node.pmOwner.id).toBe(owner.id);
      }
      return statements;
    };
    for (let i = 0; i < 5; i += 1)
      await buildLaunch(t, { tier: 'TIER_3', applyTemplate: true, pm: owner, pmm });
    const five = await measure(5);
    for (let i = 0; i < 45; i += 1)
      await buildLaunch(t, { tier: 'TIER_3', applyTemplate: true, pm: owner, pmm });
    const fifty = await measure(50);
    console.log(`LaunchBoard SQL statements: 5 launches -> ${five}, 50 launches -> ${fifty}`);
    // token, page, people, checklist status: whatever the page size
    expect(five).toBe(4);
    expect(fifty).toBe(4);
  });

  it('computes byOwnerRole only when selected, with the same counts either way', async () => {
    const owner = await buildPerson(t, { discipline: 'PM' });
    const launch = await buildLaunch(t, { pm: owner, pmm });
    await buildTask(t, launch, { ownerRole: 'ENGINEERING', required: true });
    await buildTask(t, launch, { ownerRole: 'LEGAL', dueDate: daysFromToday(-2) });
    const done = await buildTask(t, launch, { ownerRole: 'ENGINEERING' });
    const closed = await t.gql(UPDATE_TASK, { input: { id: done.id, status: 'DONE' } });
    expect(closed.errors).toBeUndefined();
    const counts =
      'totalCount closedCount percentComplete overdueCount blockedCount requiredOpenCount health revision';
    const lean = `query($f: LaunchFilter) { launches(first: 5, filter: $f) { edges { node {
      checklistStatus { ${counts} } } } } }`;
    const full = `query($f: LaunchFilter) { launches(first: 5, filter: $f) { edges { node { ...S } } } }
      fragment S on Launch { checklistStatus { ... on ChecklistStatus { ${counts} byOwnerRole { role totalCount closedCount } } } }`;
    const run = async (query: string) => {
      const before = t.app.queries.count;
      const res = await t.gql(query, { f: { ownerId: owner.id } });
      expect(res.errors).toBeUndefined();
      return {
        status: res.data!.launches.edges[0].node.checklistStatus,
        statements: t.app.queries.count - before,
      };
    };
    const a = await run(lean);
    const b = await run(full);
    // the page and the status (the bootstrap admin's token needs no lookup; no people selected)
    expect(a.statements).toBe(2);
    expect(b.statements).toBe(2);
    expect(a.status).toEqual({
      totalCount: 3,
      closedCount: 1,
      percentComplete: 33.3,
      overdueCount: 1,
      blockedCount: 0,
      requiredOpenCount: 1,
      // the overdue task is optional and holds up no required work: INFO, not AT_RISK
      health: 'ON_TRACK',
      revision: b.status.revision,
    });
    const { byOwnerRole, ...rest } = b.status;
    expect(rest).toEqual(a.status);
    expect(byOwnerRole).toEqual([
      { role: 'ENGINEERING', totalCount: 2, closedCount: 1 },
      { role: 'LEGAL', totalCount: 1, closedCount: 0 },
    ]);
  });
});

describe('access to createLaunch', () => {
  it('is FORBIDDEN for a VIEWER and writes nothing', async () => {
    const before = await counts();
    const res = await t.gql(CREATE, { input: createInput() }, viewer.token);
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('lets a MEMBER create a launch', async () => {
    const res = await t.gql(CREATE, { input: createInput({ name: 'Member made' }) }, member.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createLaunch.launch).toMatchObject({
      name: 'Member made',
      status: 'PLANNING',
      version: 1,
    });
    const rows = await t.sql(`SELECT name FROM launches WHERE id = $1`, [
      uuidOf(res.data!.createLaunch.launch.id),
    ]);
    expect(rows).toEqual([{ name: 'Member made' }]);
  });
});
