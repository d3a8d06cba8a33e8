import { ok, type ContractTools } from '../support/contract';
import { buildLaunch } from '../support/factories';

/** Runs every operation of messaging.graphql: create, edit, submit, request changes, approve, history. */
export async function messagingScenario({ t, run }: ContractTools): Promise<void> {
  const launch = await buildLaunch(t);
  const created = ok(
    await run(
      'CreateMessagingBrief',
      {
        input: {
          launchId: launch.id,
          audience: 'Heads of Product',
          positioningStatement:
            'For heads of product who lose days to hand-offs, Flow is the automation layer that removes them.',
          valuePillars: [
            {
              title: 'Ship faster',
              description: 'Less waiting',
              proofPoints: ['38 % faster triage'],
            },
          ],
          keyMessages: ['Automate the hand-offs'],
          competitiveAlternatives: ['Scripts'],
          callToAction: 'Start a trial',
        },
      },
      launch.pmm.token,
    ),
  ).createMessagingBrief.messagingBrief;
  expect(created).toEqual({
    id: expect.any(String),
    audience: 'Heads of Product',
    status: 'DRAFT',
    revision: 1,
    positioningStatement: expect.stringMatching(/^For heads of product/),
    valuePillars: [
      { title: 'Ship faster', description: 'Less waiting', proofPoints: ['38 % faster triage'] },
    ],
    keyMessages: ['Automate the hand-offs'],
    competitiveAlternatives: ['Scripts'],
    callToAction: 'Start a trial',
    owner: { id: launch.pmm.id, name: launch.pmm.name },
    approvedBy: null,
    approvedAt: null,
    updatedAt: expect.any(String),
  });

  const submitted = ok(
    await run(
      'SubmitMessagingBrief',
      { input: { id: created.id, expectedRevision: 1 } },
      launch.pm.token,
    ),
  );
  expect(submitted.submitMessagingBrief.messagingBrief).toEqual({
    id: created.id,
    status: 'IN_REVIEW',
    revision: 1,
  });
  const sentBack = ok(
    await run(
      'RequestMessagingBriefChanges',
      { input: { id: created.id, comment: 'Add a proof point for control' } },
      launch.pm.token,
    ),
  );
  expect(sentBack.requestMessagingBriefChanges.messagingBrief).toEqual({
    id: created.id,
    status: 'DRAFT',
    revision: 1,
  });

  const edited = ok(
    await run(
      'UpdateMessagingBrief',
      {
        input: {
          id: created.id,
          expectedRevision: 1,
          keyMessages: ['Automate the hand-offs', 'Stay in control'],
        },
      },
      launch.pmm.token,
    ),
  ).updateMessagingBrief.messagingBrief;
  expect(edited).toMatchObject({
    status: 'DRAFT',
    revision: 2,
    keyMessages: ['Automate the hand-offs', 'Stay in control'],
    callToAction: 'Start a trial',
  });

  ok(
    await run(
      'SubmitMessagingBrief',
      { input: { id: created.id, expectedRevision: 2 } },
      launch.pmm.token,
    ),
  );
  const approved = ok(
    await run(
      'ApproveMessagingBrief',
      { input: { id: created.id, expectedRevision: 2 } },
      launch.pmm.token,
    ),
  ).approveMessagingBrief.messagingBrief;
  expect(approved).toEqual({
    id: created.id,
    status: 'APPROVED',
    revision: 2,
    approvedBy: { id: launch.pmm.id },
    approvedAt: expect.any(String),
  });

  const briefs = ok(await run('LaunchMessaging', { launchId: launch.id })).launch;
  expect(briefs.messagingBriefs).toHaveLength(1);
  expect(briefs.messagingBriefs[0]).toMatchObject({
    id: created.id,
    status: 'APPROVED',
    approvedBy: { id: launch.pmm.id, name: launch.pmm.name },
  });

  const history = ok(await run('MessagingBriefHistory', { id: created.id })).messagingBrief;
  expect(history.revision).toBe(2);
  expect(
    history.revisions.map((r: { revision: number; status: string }) => [r.revision, r.status]),
  ).toEqual([
    [1, 'DRAFT'],
    [2, 'APPROVED'],
  ]);
  expect(history.revisions[0]).toMatchObject({
    keyMessages: ['Automate the hand-offs'],
    author: { id: launch.pmm.id },
    createdAt: expect.any(String),
  });
}
