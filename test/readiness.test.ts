import {
  buildBrief,
  buildLaunch,
  buildPerson,
  buildScenario,
  buildTask,
  buildTier,
  daysFromToday,
  decideGo,
} from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

const READINESS = `query($id: ID!) { launch(id: $id) { id status version launchDate launchedAt
  checklistStatus { health revision requiredOpenCount
    reasons { code severity message discipline task { id title } }
    byPhase { phase totalCount closedCount requiredOpenCount } }
  requiredSignOffs
  signOffs { id discipline verdict note stale signedBy { id name } }
  currentDecision { id outcome stale staleReasons conditions { description owner { id } dueDate } }
  decisions { id outcome } } }`;
const SIGN_OFF = `mutation($input: SignOffLaunchInput!) { signOffLaunch(input: $input) {
  signOff { id discipline verdict note stale signedBy { id } } } }`;
const DECIDE = `mutation($input: RecordLaunchDecisionInput!) { recordLaunchDecision(input: $input) {
  decision { id outcome stale staleReasons } launch { id status version } } }`;
const TRANSITION = `mutation($input: TransitionLaunchInput!) { transitionLaunch(input: $input) {
  launch { id status version launchedAt } } }`;
const UPDATE_LAUNCH = `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id launchDate version } } }`;
const UPDATE_TASK = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status } } }`;
const ADD_DEP = `mutation($input: AddTaskDependencyInput!) { addTaskDependency(input: $input) { task { id } } }`;
const ACTIVITY = `query($id: ID!) { launch(id: $id) { activity(first: 100) { edges { node {
  type summary changes { field from to } } } } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

type Res = GraphQLResponse<Record<string, any>>;
function ok(res: Res): Record<string, any> {
  expect(res.errors).toBeUndefined();
  return res.data!;
}
const readiness = async (id: string) => ok(await t.gql(READINESS, { id })).launch;
const codes = async (id: string) =>
  (await readiness(id)).checklistStatus.reasons.map((r: any) => `${r.severity}:${r.code}`);
const signOff = (input: Record<string, unknown>, token?: string) =>
  t.gql(SIGN_OFF, { input }, token);
const decide = (input: Record<string, unknown>, token?: string) => t.gql(DECIDE, { input }, token);
const move = (id: string, to: string) => t.gql(TRANSITION, { input: { id, to } });
const setStatus = (id: string, status: string) =>
  t.gql(UPDATE_TASK, { input: { id, status } }).then(ok);

/** Everything readiness could write, to prove a refusal wrote nothing. */
async function snapshot() {
  const [row] = await t.sql(`SELECT
    (SELECT count(*)::int FROM launch_sign_offs) AS sign_offs,
    (SELECT count(*)::int FROM launch_decisions) AS decisions,
    (SELECT count(*)::int FROM launch_activity) AS activity,
    (SELECT coalesce(json_agg(l ORDER BY l.id), '[]') FROM launches l) AS launches,
    (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM tasks x) AS tasks`);
  return row;
}

describe('readiness reasons, one minimal set-up each', () => {
  it('REQUIRED_TASK_OVERDUE is a BLOCKER naming the task; OFF_TRACK', async () => {
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch, { required: true, dueDate: daysFromToday(-1) });
    const r = await readiness(launch.id);
    expect(r.checklistStatus.health).toBe('OFF_TRACK');
    expect(r.checklistStatus.reasons).toEqual([
      expect.objectContaining({
        code: 'REQUIRED_TASK_OVERDUE',
        severity: 'BLOCKER',
        discipline: null,
        task: { id: task.id, title: task.title },
      }),
    ]);
    expect(r.checklistStatus.reasons[0].message).toContain(task.title);
  });

  it('one reason per task: a blocked and overdue required task is REQUIRED_TASK_OVERDUE only', async () => {
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch, { required: true, dueDate: daysFromToday(-1) });
    await setStatus(task.id, 'BLOCKED');
    expect(await codes(launch.id)).toEqual(['BLOCKER:REQUIRED_TASK_OVERDUE']);
  });

  it('LAUNCH_DATE_PASSED is one BLOCKER for the launch while required work is open', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(-2) });
    await buildTask(t, launch, { required: true });
    await buildTask(t, launch, { required: true });
    const r = await readiness(launch.id);
    const passed = r.checklistStatus.reasons.filter((x: any) => x.code === 'LAUNCH_DATE_PASSED');
    expect(passed).toEqual([expect.objectContaining({ severity: 'BLOCKER', task: null })]);
    expect(r.checklistStatus.health).toBe('OFF_TRACK');
  });

  it('REQUIRED_TASK_NOT_STARTED warns for a required TODO due within 7 days', async () => {
    const launch = await buildLaunch(t);
    await buildTask(t, launch, { required: true, dueDate: daysFromToday(3) });
    const started = await buildTask(t, launch, { required: true, dueDate: daysFromToday(3) });
    await setStatus(started.id, 'IN_PROGRESS');
    expect(await codes(launch.id)).toEqual(['WARNING:REQUIRED_TASK_NOT_STARTED']);
    expect((await readiness(launch.id)).checklistStatus.health).toBe('AT_RISK');
  });

  it('TASK_BLOCKED is WARNING for a required task or one holding up required work through others, else INFO', async () => {
    const launch = await buildLaunch(t);
    const required = await buildTask(t, launch, { required: true, dueDate: daysFromToday(20) });
    const middle = await buildTask(t, launch, { dueDate: daysFromToday(15) });
    const upstream = await buildTask(t, launch, { dueDate: daysFromToday(10) });
    const loose = await buildTask(t, launch, { dueDate: daysFromToday(10) });
    ok(await t.gql(ADD_DEP, { input: { taskId: required.id, dependsOnId: middle.id } }));
    ok(await t.gql(ADD_DEP, { input: { taskId: middle.id, dependsOnId: upstream.id } }));
    await setStatus(loose.id, 'BLOCKED');
    expect(await codes(launch.id)).toEqual(['INFO:TASK_BLOCKED']);
    expect((await readiness(launch.id)).checklistStatus.health).toBe('ON_TRACK');
    await setStatus(upstream.id, 'BLOCKED');
    const r = await readiness(launch.id);
    expect(r.checklistStatus.reasons.map((x: any) => [x.severity, x.code, x.task.id])).toEqual([
      ['WARNING', 'TASK_BLOCKED', upstream.id],
      ['INFO', 'TASK_BLOCKED', loose.id],
    ]);
    expect(r.checklistStatus.health).toBe('AT_RISK');
  });

  it('TASK_OVERDUE is WARNING for an optional task holding up required work, else INFO', async () => {
    const launch = await buildLaunch(t);
    const required = await buildTask(t, launch, { required: true, dueDate: daysFromToday(20) });
    const feeding = await buildTask(t, launch, { dueDate: daysFromToday(-3) });
    await buildTask(t, launch, { dueDate: daysFromToday(-2) });
    expect(await codes(launch.id)).toEqual(['INFO:TASK_OVERDUE', 'INFO:TASK_OVERDUE']);
    ok(await t.gql(ADD_DEP, { input: { taskId: required.id, dependsOnId: feeding.id } }));
    expect(await codes(launch.id)).toEqual(['WARNING:TASK_OVERDUE', 'INFO:TASK_OVERDUE']);
  });

  it('SIGN_OFF_MISSING and DECISION_MISSING warn within 7 days of launch, not before', async () => {
    const far = await buildLaunch(t, { launchDate: daysFromToday(8) });
    expect(await codes(far.id)).toEqual([]);
    expect((await readiness(far.id)).checklistStatus.health).toBe('COMPLETE');
    const near = await buildLaunch(t, { launchDate: daysFromToday(7) });
    const r = await readiness(near.id);
    expect(r.checklistStatus.reasons.map((x: any) => [x.code, x.discipline])).toEqual([
      ['SIGN_OFF_MISSING', 'PM'],
      ['SIGN_OFF_MISSING', 'PMM'],
      ['DECISION_MISSING', null],
    ]);
    expect(r.checklistStatus.health).toBe('AT_RISK');
  });

  it('SIGN_OFF_NO_GO from any discipline is a BLOCKER at any time', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(60) });
    ok(
      await signOff({
        launchId: launch.id,
        discipline: 'EXECUTIVE',
        verdict: 'NO_GO',
        note: 'Budget not approved',
      }),
    );
    const r = await readiness(launch.id);
    expect(r.checklistStatus.reasons).toEqual([
      expect.objectContaining({
        code: 'SIGN_OFF_NO_GO',
        severity: 'BLOCKER',
        discipline: 'EXECUTIVE',
      }),
    ]);
    expect(r.checklistStatus.health).toBe('OFF_TRACK');
  });

  it('SIGN_OFF_STALE and DECISION_STALE (not DECISION_MISSING) after the launch date moves', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(30) });
    await decideGo(t, launch);
    ok(await t.gql(UPDATE_LAUNCH, { input: { id: launch.id, launchDate: daysFromToday(5) } }));
    const r = await readiness(launch.id);
    expect(r.checklistStatus.reasons.map((x: any) => `${x.code}:${x.discipline}`)).toEqual([
      'SIGN_OFF_STALE:PM',
      'SIGN_OFF_STALE:PMM',
      'DECISION_STALE:null',
    ]);
    expect(r.currentDecision).toMatchObject({ stale: true, staleReasons: ['LAUNCH_DATE_MOVED'] });
    expect(r.signOffs.map((s: any) => s.stale)).toEqual([true, true]);
  });

  it('DECISION_MISSING when the latest decision is NO_GO within 7 days', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(3) });
    await decideGo(t, launch);
    ok(await decide({ launchId: launch.id, outcome: 'NO_GO', rationale: 'Regression found' }));
    expect(await codes(launch.id)).toEqual(['WARNING:DECISION_MISSING']);
  });

  it('CONDITION_OVERDUE warns for a condition of the current decision past its due date', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(30) });
    await decideGo(t, launch, {
      outcome: 'CONDITIONAL_GO',
      conditionOwnerId: launch.pm.id,
      dueDate: daysFromToday(-1),
    });
    const r = await readiness(launch.id);
    expect(r.checklistStatus.reasons).toEqual([
      expect.objectContaining({ code: 'CONDITION_OVERDUE', severity: 'WARNING' }),
    ]);
    expect(r.checklistStatus.reasons[0].message).toContain('Close the open launch work');
  });

  it('orders BLOCKER, WARNING, INFO; a CANCELLED launch is INACTIVE with no reasons', async () => {
    const launch = await buildLaunch(t);
    await buildTask(t, launch, { dueDate: daysFromToday(-2) });
    await buildTask(t, launch, { required: true, dueDate: daysFromToday(2) });
    await buildTask(t, launch, { required: true, dueDate: daysFromToday(-2) });
    expect(await codes(launch.id)).toEqual([
      'BLOCKER:REQUIRED_TASK_OVERDUE',
      'WARNING:REQUIRED_TASK_NOT_STARTED',
      'INFO:TASK_OVERDUE',
    ]);
    ok(await move(launch.id, 'CANCELLED'));
    const r = await readiness(launch.id);
    expect(r.checklistStatus).toMatchObject({ health: 'INACTIVE', reasons: [] });
  });

  it('byPhase counts total, closed and required open per phase present, in phase order', async () => {
    const launch = await buildLaunch(t);
    const a = await buildTask(t, launch, { required: true, phase: 'POST_LAUNCH' });
    await buildTask(t, launch, { required: true });
    await buildTask(t, launch, { phase: 'POST_LAUNCH' });
    await setStatus(a.id, 'DONE');
    expect((await readiness(launch.id)).checklistStatus.byPhase).toEqual([
      { phase: 'PRE_LAUNCH', totalCount: 1, closedCount: 0, requiredOpenCount: 1 },
      { phase: 'POST_LAUNCH', totalCount: 2, closedCount: 1, requiredOpenCount: 0 },
    ]);
  });
});

describe('signOffLaunch', () => {
  it('lists the sign-offs in force in Discipline order, whatever order they came in', async () => {
    const launch = await buildLaunch(t);
    const admin = await buildPerson(t, { accessLevel: 'ADMIN', discipline: 'EXECUTIVE' });
    for (const discipline of ['LEGAL', 'ENGINEERING', 'PMM', 'PM', 'SALES']) {
      ok(await signOff({ launchId: launch.id, discipline, verdict: 'GO' }, admin.token));
    }
    const r = await readiness(launch.id);
    expect(r.signOffs.map((s: any) => s.discipline)).toEqual([
      'PM',
      'PMM',
      'ENGINEERING',
      'SALES',
      'LEGAL',
    ]);
  });

  it('lets a member of the discipline sign; a later sign-off replaces it and the log keeps both', async () => {
    const launch = await buildLaunch(t);
    const engineer = await buildPerson(t, { discipline: 'ENGINEERING' });
    const first = ok(
      await signOff(
        { launchId: launch.id, discipline: 'ENGINEERING', verdict: 'CONCERNS', note: 'Load test' },
        engineer.token,
      ),
    ).signOffLaunch.signOff;
    expect(first).toMatchObject({
      verdict: 'CONCERNS',
      note: 'Load test',
      signedBy: { id: engineer.id },
    });
    ok(
      await signOff(
        { launchId: launch.id, discipline: 'ENGINEERING', verdict: 'GO' },
        engineer.token,
      ),
    );
    const r = await readiness(launch.id);
    expect(r.signOffs.map((s: any) => [s.discipline, s.verdict])).toEqual([['ENGINEERING', 'GO']]);
    const rows = ok(await t.gql(ACTIVITY, { id: launch.id })).launch.activity.edges.map(
      (e: any) => e.node,
    );
    const signed = rows.filter((n: any) => n.type === 'LAUNCH_SIGNED_OFF');
    expect(signed.map((n: any) => n.changes)).toEqual([
      [{ field: 'signOff.ENGINEERING', from: null, to: 'CONCERNS' }],
      [{ field: 'signOff.ENGINEERING', from: 'CONCERNS', to: 'GO' }],
    ]);
  });

  it.each([
    ['CONCERNS', null],
    ['NO_GO', '   '],
  ])(
    'refuses %s without a note (BAD_USER_INPUT on note), writing nothing',
    async (verdict, note) => {
      const launch = await buildLaunch(t);
      const before = await snapshot();
      const res = await signOff({ launchId: launch.id, discipline: 'PM', verdict, note });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      expect(await snapshot()).toEqual(before);
    },
  );

  it('is FORBIDDEN for another discipline and for a VIEWER of the discipline, writing nothing', async () => {
    const launch = await buildLaunch(t);
    const sales = await buildPerson(t, { discipline: 'SALES' });
    const legalViewer = await buildPerson(t, { discipline: 'LEGAL', accessLevel: 'VIEWER' });
    const before = await snapshot();
    const asSales = await signOff(
      { launchId: launch.id, discipline: 'LEGAL', verdict: 'GO' },
      sales.token,
    );
    expect(asSales.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asViewer = await signOff(
      { launchId: launch.id, discipline: 'LEGAL', verdict: 'GO' },
      legalViewer.token,
    );
    expect(asViewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('bumps the checklist revision (signedBy null for the bootstrap admin)', async () => {
    const launch = await buildLaunch(t);
    const before = (await readiness(launch.id)).checklistStatus.revision;
    const signed = ok(await signOff({ launchId: launch.id, discipline: 'LEGAL', verdict: 'GO' }))
      .signOffLaunch.signOff;
    expect(signed.signedBy).toBeNull();
    expect((await readiness(launch.id)).checklistStatus.revision).toBe(before + 1);
  });
});

describe('recordLaunchDecision', () => {
  it('refuses GO naming missing sign-offs and open PRE_LAUNCH work, writing nothing', async () => {
    const launch = await buildLaunch(t);
    const open = await buildTask(t, launch, { required: true, title: 'Security review' });
    await buildTask(t, launch, { required: true, phase: 'LAUNCH_DAY', title: 'Flip the flag' });
    ok(await signOff({ launchId: launch.id, discipline: 'PM', verdict: 'CONCERNS', note: 'Docs' }));
    const before = await snapshot();
    const res = await decide({ launchId: launch.id, outcome: 'GO', rationale: 'Ship it' });
    const error = res.errors![0];
    expect(error.extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      missing: [
        { kind: 'SIGN_OFF', discipline: 'PM', title: 'PM signed off CONCERNS' },
        { kind: 'SIGN_OFF', discipline: 'PMM', title: 'PMM sign-off is missing' },
        { kind: 'TASK', taskId: open.id },
      ],
    });
    expect(error.message).toContain('Security review');
    expect(error.message).not.toContain('Flip the flag');
    expect(await snapshot()).toEqual(before);
  });

  it('accepts CONDITIONAL_GO over CONCERNS and open work; a NO_GO of any discipline blocks it', async () => {
    const launch = await buildLaunch(t);
    await buildTask(t, launch, { required: true });
    ok(await signOff({ launchId: launch.id, discipline: 'PM', verdict: 'CONCERNS', note: 'Docs' }));
    ok(await signOff({ launchId: launch.id, discipline: 'PMM', verdict: 'GO' }));
    ok(
      await signOff({ launchId: launch.id, discipline: 'SALES', verdict: 'NO_GO', note: 'No SKU' }),
    );
    const input = {
      launchId: launch.id,
      outcome: 'CONDITIONAL_GO',
      rationale: 'Go if docs land',
      conditions: [{ description: 'Docs live', ownerId: launch.pm.id, dueDate: daysFromToday(10) }],
    };
    const refused = await decide(input);
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      missing: [{ kind: 'SIGN_OFF', discipline: 'SALES', title: 'SALES signed off NO_GO' }],
    });
    ok(await signOff({ launchId: launch.id, discipline: 'SALES', verdict: 'GO' }));
    const done = ok(await decide(input)).recordLaunchDecision;
    expect(done.decision).toMatchObject({ outcome: 'CONDITIONAL_GO', stale: false });
  });

  it.each([
    ['no condition', []],
    ['a condition due after the launch date', [{ description: 'x', dueDate: daysFromToday(31) }]],
    ['a blank condition', [{ description: '  ', dueDate: daysFromToday(3) }]],
  ])('refuses CONDITIONAL_GO with %s (BAD_USER_INPUT on conditions)', async (_, conditions) => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(30) });
    const before = await snapshot();
    const res = await decide({
      launchId: launch.id,
      outcome: 'CONDITIONAL_GO',
      rationale: 'Maybe',
      conditions: conditions.map((c) => ({ ...c, ownerId: launch.pm.id })),
    });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'conditions',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('is FORBIDDEN for anyone but the owners and admins', async () => {
    const launch = await buildLaunch(t);
    const other = await buildPerson(t, { discipline: 'PM' });
    const before = await snapshot();
    const res = await decide(
      { launchId: launch.id, outcome: 'NO_GO', rationale: 'No' },
      other.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
    ok(await decide({ launchId: launch.id, outcome: 'NO_GO', rationale: 'No' }, launch.pmm.token));
  });

  it('NO_GO sends a READY launch back to PLANNING; decisions list newest first', async () => {
    const launch = await buildLaunch(t);
    const { version } = await decideGo(t, launch);
    ok(await move(launch.id, 'READY'));
    const res = ok(
      await decide(
        {
          launchId: launch.id,
          outcome: 'NO_GO',
          rationale: 'P0 regression',
          expectedVersion: version + 1,
        },
        launch.pm.token,
      ),
    ).recordLaunchDecision;
    expect(res.launch).toMatchObject({ status: 'PLANNING', version: version + 2 });
    const r = await readiness(launch.id);
    expect(r.decisions.map((d: any) => d.outcome)).toEqual(['NO_GO', 'GO']);
    expect(r.currentDecision.outcome).toBe('NO_GO');
  });
});

describe('lifecycle gated by readiness', () => {
  it('walks PLANNING to LAUNCHED: READY needs the PRE_LAUNCH work and a current decision; LAUNCHED records launchedAt', async () => {
    const launch = await buildLaunch(t);
    const pre = await buildTask(t, launch, { required: true, title: 'Legal review' });
    await buildTask(t, launch, { required: true, phase: 'LAUNCH_DAY', title: 'Announce' });
    const refused = await move(launch.id, 'READY');
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      missing: [{ kind: 'TASK', taskId: pre.id }, { kind: 'DECISION' }],
    });
    await setStatus(pre.id, 'DONE');
    await decideGo(t, launch);
    ok(await move(launch.id, 'READY'));
    const launched = ok(await move(launch.id, 'LAUNCHED')).transitionLaunch.launch;
    expect(launched.status).toBe('LAUNCHED');
    expect(Date.parse(launched.launchedAt)).toBeGreaterThan(Date.now() - 60_000);
    const before = await snapshot();
    const moved = await t.gql(UPDATE_LAUNCH, {
      input: { id: launch.id, launchDate: daysFromToday(40) },
    });
    expect(moved.errors?.[0].extensions?.code).toBe('FAILED_PRECONDITION');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses READY on a stale decision and LAUNCHED after a reopened PRE_LAUNCH task', async () => {
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch, { required: true, ownerRole: 'PM' });
    await setStatus(task.id, 'DONE');
    await decideGo(t, launch);
    ok(await move(launch.id, 'READY'));
    await setStatus(task.id, 'TODO');
    const before = await snapshot();
    const res = await move(launch.id, 'LAUNCHED');
    expect(res.errors![0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      missing: [
        { kind: 'TASK', taskId: task.id },
        { kind: 'DECISION', title: 'The current GO decision is stale' },
      ],
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('staleness causes', () => {
  async function decided() {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(30) });
    await decideGo(t, launch);
    return launch;
  }
  const stale = async (id: string) => {
    const r = await readiness(id);
    return {
      decision: r.currentDecision?.staleReasons ?? null,
      signOffs: Object.fromEntries(r.signOffs.map((s: any) => [s.discipline, s.stale])),
      revision: r.checklistStatus.revision,
    };
  };

  it('a live price change (a new tier) makes everything stale and bumps the revision', async () => {
    const launch = await decided();
    const before = await stale(launch.id);
    ok(
      await t.gql(
        `mutation($input: CreatePricingTierInput!) { createPricingTier(input: $input) { pricingTier { id } } }`,
        {
          input: {
            launchId: launch.id,
            name: 'Pro',
            billingModel: 'FLAT',
            currency: 'USD',
            monthlyPriceCents: 8900,
          },
        },
      ),
    );
    expect(await stale(launch.id)).toEqual({
      decision: ['PRICE_CHANGED'],
      signOffs: { PM: true, PMM: true },
      revision: before.revision + 1,
    });
  });

  it('a reopened required task stales its discipline’s sign-off and the decision', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(30) });
    const task = await buildTask(t, launch, { required: true, ownerRole: 'PMM' });
    await setStatus(task.id, 'DONE');
    await decideGo(t, launch);
    await setStatus(task.id, 'IN_PROGRESS');
    expect(await stale(launch.id)).toMatchObject({
      decision: ['TASK_REOPENED'],
      signOffs: { PM: false, PMM: true },
    });
  });

  it('a replaced sign-off stales the decision only', async () => {
    const launch = await decided();
    ok(await signOff({ launchId: launch.id, discipline: 'PM', verdict: 'CONCERNS', note: 'Hm' }));
    expect(await stale(launch.id)).toMatchObject({
      decision: ['SIGN_OFF_CHANGED'],
      signOffs: { PM: false, PMM: false },
    });
  });

  it('a new revision of an approved brief stales everything and reopens its deliverable task', async () => {
    const launch = await buildLaunch(t, {
      tier: 'TIER_1',
      launchDate: daysFromToday(90),
      applyTemplate: true,
    });
    const brief = await buildBrief(t, launch, {
      audience: 'Admins',
      positioningStatement: 'For admins who automate',
      keyMessages: ['Automate without code'],
    });
    ok(
      await t.gql(
        `mutation($input: SubmitMessagingBriefInput!) { submitMessagingBrief(input: $input) { messagingBrief { id } } }`,
        { input: { id: brief.id } },
      ),
    );
    ok(
      await t.gql(
        `mutation($input: ApproveMessagingBriefInput!) { approveMessagingBrief(input: $input) { messagingBrief { id } } }`,
        { input: { id: brief.id } },
      ),
    );
    const taskStatus = async () =>
      (
        await t.sql(`SELECT status FROM tasks WHERE launch_id = $1 AND template_key = $2`, [
          Buffer.from(launch.id, 'base64url').toString('utf8').split(':')[1],
          'messaging-brief-approved',
        ])
      )[0].status;
    expect(await taskStatus()).toBe('DONE');
    ok(await signOff({ launchId: launch.id, discipline: 'PMM', verdict: 'GO' }));
    ok(
      await t.gql(
        `mutation($input: UpdateMessagingBriefInput!) { updateMessagingBrief(input: $input) { messagingBrief { id } } }`,
        { input: { id: brief.id, callToAction: 'Start a trial' } },
      ),
    );
    expect(await taskStatus()).toBe('TODO');
    expect((await stale(launch.id)).signOffs).toEqual({ PMM: true });
    const rows = ok(await t.gql(ACTIVITY, { id: launch.id })).launch.activity.edges.map(
      (e: any) => e.node,
    );
    expect(
      rows
        .filter((n: any) => n.summary.includes("'Messaging brief approved'"))
        .map((n: any) => n.changes),
    ).toEqual([
      [{ field: 'status', from: 'TODO', to: 'DONE' }],
      [{ field: 'status', from: 'DONE', to: 'TODO' }],
    ]);
  });
});

describe('deliverables close their tasks', () => {
  it('applying a scenario closes the pricing task as DONE even with its dependencies open', async () => {
    const launch = await buildLaunch(t, {
      tier: 'TIER_1',
      launchDate: daysFromToday(90),
      applyTemplate: true,
    });
    const tier = await buildTier(t, launch, {
      name: 'Pro',
      billingModel: 'FLAT',
      monthlyPriceCents: 8900,
    });
    const scenario = await buildScenario(t, launch, {
      name: 'Higher Pro',
      tiers: [{ tierId: tier.id, monthlyPriceCents: 9900, expectedCustomers: 10 }],
    });
    ok(
      await t.gql(
        `mutation($input: ApplyPricingScenarioInput!) { applyPricingScenario(input: $input) { launch { id } } }`,
        { input: { id: scenario.id } },
      ),
    );
    const [row] = await t.sql(
      `SELECT status, completed_at IS NOT NULL AS completed FROM tasks WHERE launch_id = $1 AND template_key = 'pricing-confirmed'`,
      [Buffer.from(launch.id, 'base64url').toString('utf8').split(':')[1]],
    );
    expect(row).toEqual({ status: 'DONE', completed: true });
  });
});

describe('the record', () => {
  it('keeps the reason of a slip and readable old and new values', async () => {
    const launch = await buildLaunch(t, { launchDate: '2031-03-04' });
    const someone = await buildPerson(t, { discipline: 'ENGINEERING', name: 'Dana Ortiz' });
    const task = await buildTask(t, launch);
    ok(
      await t.gql(UPDATE_LAUNCH, {
        input: { id: launch.id, launchDate: '2031-03-18', reason: 'P0 regression in the beta' },
      }),
    );
    ok(await t.gql(UPDATE_TASK, { input: { id: task.id, assigneeId: someone.id } }));
    ok(
      await t.gql(UPDATE_TASK, {
        input: { id: task.id, status: 'BLOCKED', blockedReason: 'Waiting on SSO' },
      }),
    );
    ok(await t.gql(UPDATE_TASK, { input: { id: task.id, status: 'IN_PROGRESS' } }));
    const rows = ok(await t.gql(ACTIVITY, { id: launch.id })).launch.activity.edges.map(
      (e: any) => e.node,
    );
    const slip = rows.find((n: any) => n.type === 'LAUNCH_UPDATED');
    expect(slip.summary).toContain('P0 regression in the beta');
    expect(slip.changes).toEqual([
      { field: 'launchDate', from: '2031-03-04', to: '2031-03-18' },
      { field: 'reason', from: null, to: 'P0 regression in the beta' },
    ]);
    const taskRows = rows.filter((n: any) => n.type === 'TASK_UPDATED').map((n: any) => n.changes);
    expect(taskRows).toEqual([
      [{ field: 'assignee', from: null, to: 'Dana Ortiz' }],
      [
        { field: 'status', from: 'TODO', to: 'BLOCKED' },
        { field: 'blockedReason', from: null, to: 'Waiting on SSO' },
      ],
      [
        { field: 'status', from: 'BLOCKED', to: 'IN_PROGRESS' },
        { field: 'blockedReason', from: 'Waiting on SSO', to: null },
      ],
    ]);
  });
});

describe('board statements with reasons', () => {
  it('computes reasons for 50 launches in as many statements as for 5', async () => {
    const owner = await buildPerson(t, { discipline: 'PM' });
    const pmm = await buildPerson(t, { discipline: 'PMM' });
    const board = `query($owner: ID!) { launches(first: 100, filter: { ownerId: $owner }) { edges { node {
      id checklistStatus { health reasons { code severity message discipline task { id title } }
        byPhase { phase totalCount } } } } } }`;
    const measure = async (n: number) => {
      const before = t.app.queries.count;
      const res = ok(await t.gql(board, { owner: owner.id }));
      const statements = t.app.queries.count - before;
      expect(res.launches.edges).toHaveLength(n);
      for (const e of res.launches.edges)
        expect(e.node.checklistStatus.reasons.map((r: any) => r.code)).toContain(
          'SIGN_OFF_MISSING',
        );
      return statements;
    };
    const make = async () => {
      const launch = await buildLaunch(t, {
        tier: 'TIER_3',
        applyTemplate: true,
        launchDate: daysFromToday(5),
        pm: owner,
        pmm,
      });
      await t.sql(
        `UPDATE tasks SET status = 'BLOCKED' WHERE launch_id = $1 AND template_key = 'qa-sign-off'`,
        [Buffer.from(launch.id, 'base64url').toString('utf8').split(':')[1]],
      );
    };
    for (let i = 0; i < 5; i += 1) await make();
    const five = await measure(5);
    for (let i = 0; i < 45; i += 1) await make();
    const fifty = await measure(50);
    console.log(`Board with reasons: 5 launches -> ${five} statements, 50 -> ${fifty}`);
    expect(fifty).toBe(five);
  });
});
