import { ok, type ContractTools } from '../support/contract';
import { buildLaunch, buildPerson, buildTask, daysFromToday } from '../support/factories';

/**
 * A TIER_3 launch five days out, from missing sign-offs to READY: the reasons
 * at each step, a sign-off by a member of the discipline, a refused GO, a
 * CONDITIONAL_GO, then TaskBlocks on its template.
 */
export async function readinessScenario({ t, run }: ContractTools): Promise<void> {
  const launch = await buildLaunch(t, {
    name: 'Readiness Contract',
    tier: 'TIER_3',
    launchDate: daysFromToday(5),
    applyTemplate: true,
  });
  const reasons = async () => {
    const l = ok(await run('LaunchReadiness', { launchId: launch.id })).launch;
    return l;
  };
  const start = await reasons();
  expect(start).toMatchObject({
    status: 'PLANNING',
    launchedAt: null,
    requiredSignOffs: ['PM', 'PMM'],
    signOffs: [],
    currentDecision: null,
    decisions: [],
  });
  // TIER_3 work runs up to ten days before launch: five days out, some required work is overdue.
  expect(start.checklistStatus.health).toBe('OFF_TRACK');
  expect(start.checklistStatus.reasons[0]).toMatchObject({
    code: 'REQUIRED_TASK_OVERDUE',
    severity: 'BLOCKER',
  });
  expect(
    start.checklistStatus.reasons
      .filter(
        (r: { code: string }) => r.code.startsWith('SIGN_OFF') || r.code.startsWith('DECISION'),
      )
      .map((r: { code: string; discipline: string | null }) => [r.code, r.discipline]),
  ).toEqual([
    ['SIGN_OFF_MISSING', 'PM'],
    ['SIGN_OFF_MISSING', 'PMM'],
    ['DECISION_MISSING', null],
  ]);
  expect(start.checklistStatus.byPhase).toEqual([
    { phase: 'PRE_LAUNCH', totalCount: 5, closedCount: 0, requiredOpenCount: 4 },
    { phase: 'LAUNCH_DAY', totalCount: 3, closedCount: 0, requiredOpenCount: 1 },
  ]);

  const pmSigned = ok(
    await run(
      'SignOffLaunch',
      { input: { launchId: launch.id, discipline: 'PM', verdict: 'GO' } },
      launch.pm.token,
    ),
  ).signOffLaunch.signOff;
  expect(pmSigned).toMatchObject({
    discipline: 'PM',
    verdict: 'GO',
    note: null,
    signedBy: { id: launch.pm.id, name: launch.pm.name },
    stale: false,
  });
  ok(
    await run(
      'SignOffLaunch',
      {
        input: {
          launchId: launch.id,
          discipline: 'PMM',
          verdict: 'CONCERNS',
          note: 'Release notes need screenshots',
        },
      },
      launch.pmm.token,
    ),
  );
  const refused = await run('RecordLaunchDecision', {
    input: { launchId: launch.id, outcome: 'GO', rationale: 'Ship it' },
  });
  expect(refused.errors?.[0].extensions).toMatchObject({
    code: 'FAILED_PRECONDITION',
    missing: expect.arrayContaining([
      { kind: 'SIGN_OFF', discipline: 'PMM', title: 'PMM signed off CONCERNS' },
    ]),
  });
  const owner = await buildPerson(t, { discipline: 'ENGINEERING' });
  const decided = ok(
    await run(
      'RecordLaunchDecision',
      {
        input: {
          launchId: launch.id,
          outcome: 'CONDITIONAL_GO',
          rationale: 'Go once the screenshots land',
          conditions: [
            {
              description: 'Screenshots in the notes',
              ownerId: owner.id,
              dueDate: daysFromToday(4),
            },
          ],
          expectedVersion: 1,
        },
      },
      launch.pm.token,
    ),
  ).recordLaunchDecision;
  expect(decided.launch).toEqual({ id: launch.id, status: 'PLANNING', version: 2 });
  expect(decided.decision).toMatchObject({
    outcome: 'CONDITIONAL_GO',
    rationale: 'Go once the screenshots land',
    decidedBy: { id: launch.pm.id },
    stale: false,
    staleReasons: [],
    conditions: [
      {
        description: 'Screenshots in the notes',
        owner: { id: owner.id, name: owner.name },
        dueDate: daysFromToday(4),
      },
    ],
  });
  const after = await reasons();
  expect(after.currentDecision.id).toBe(decided.decision.id);
  expect(after.decisions.map((d: { id: string }) => d.id)).toEqual([decided.decision.id]);
  expect(
    after.checklistStatus.reasons.filter((r: { code: string }) => r.code.includes('SIGN_OFF')),
  ).toEqual([]);

  const task = await buildTask(t, launch, { title: 'Contract upstream' });
  const downstream = await buildTask(t, launch, {
    title: 'Contract downstream',
    required: true,
    dependsOnIds: [task.id],
  });
  const blocks = ok(await run('TaskBlocks', { id: task.id })).node;
  expect(blocks).toEqual({
    id: task.id,
    phase: 'PRE_LAUNCH',
    blocks: [{ id: downstream.id, title: 'Contract downstream', required: true }],
  });
}
