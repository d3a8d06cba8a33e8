import { randomUUID } from 'node:crypto';
import { globalId, uuidOf } from './support/helpers';
import { buildLaunch, buildPerson, type TestLaunch, type TestPerson } from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

const BRIEF = `id audience status revision positioningStatement keyMessages competitiveAlternatives callToAction
  valuePillars { title description proofPoints } owner { id } approvedBy { id } approvedAt reviewComment
  positioning { targetCustomer need productName category keyBenefit primaryAlternative differentiator }`;
const REVISIONS = `revisions { revision status positioningStatement keyMessages reviewComment submittedAt
  author { id } approvedBy { id } approvedAt positioning { productName } }`;
const CREATE = `mutation($input: CreateMessagingBriefInput!) { createMessagingBrief(input: $input) { messagingBrief { ${BRIEF} } } }`;
const UPDATE = `mutation($input: UpdateMessagingBriefInput!) { updateMessagingBrief(input: $input) { messagingBrief { ${BRIEF} } } }`;
const SUBMIT = `mutation($input: SubmitMessagingBriefInput!) { submitMessagingBrief(input: $input) { messagingBrief { id status revision } } }`;
const APPROVE = `mutation($input: ApproveMessagingBriefInput!) { approveMessagingBrief(input: $input) {
  messagingBrief { id status revision approvedBy { id } approvedAt } } }`;
const REQUEST = `mutation($input: RequestMessagingBriefChangesInput!) { requestMessagingBriefChanges(input: $input) {
  messagingBrief { id status revision reviewComment } } }`;
const READ = `query($id: ID!) { messagingBrief(id: $id) { ${BRIEF} ${REVISIONS} } }`;

const POSITIONING = {
  targetCustomer: 'support leads',
  need: 'drown in repetitive tickets',
  productName: 'Flow Assist',
  category: 'support automation tool',
  keyBenefit: 'resolves routine requests on its own',
  primaryAlternative: 'canned-response macros',
  differentiator: 'Flow Assist learns from every resolved ticket.',
};
const COMPOSED =
  'For support leads who drown in repetitive tickets, Flow Assist is a support automation tool that resolves routine requests on its own. ' +
  'Unlike canned-response macros, Flow Assist learns from every resolved ticket.';

let t: TestApp;
let viewer: TestPerson;
let stranger: TestPerson;

beforeAll(async () => {
  t = await startTestApp();
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SUPPORT' });
  stranger = await buildPerson(t, { discipline: 'SALES' });
});
afterAll(() => t.dispose());

const nowhere = (type: string) => globalId(type, randomUUID());

function data(res: GraphQLResponse, key: string) {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data![key].messagingBrief;
}

function expectError(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject(field ? { code, field } : { code });
  expect(res.data ?? null).toBeNull();
}

async function createBrief(
  launch: TestLaunch,
  input: Record<string, unknown> = {},
  token = launch.pmm.token,
) {
  const base = {
    launchId: launch.id,
    audience: 'Support leads',
    positioningStatement: 'For support leads, Flow Assist answers tickets.',
  };
  return data(
    await t.gql(CREATE, { input: { ...base, keyMessages: ['Fewer tickets'], ...input } }, token),
    'createMessagingBrief',
  );
}
const update = (input: Record<string, unknown>, token?: string) => t.gql(UPDATE, { input }, token);
const submit = (input: Record<string, unknown>, token?: string) => t.gql(SUBMIT, { input }, token);
const approve = (input: Record<string, unknown>, token?: string) =>
  t.gql(APPROVE, { input }, token);
const requestChanges = (input: Record<string, unknown>, token?: string) =>
  t.gql(REQUEST, { input }, token);
const read = async (id: string) => (await t.gql(READ, { id })).data!.messagingBrief;

/** Every brief row, revision row and activity row of a launch (or of the whole database): equal before and after = nothing written. */
async function snapshot(launchId?: string) {
  const where = launchId ? 'WHERE b.launch_id = $1' : '';
  const params = launchId ? [uuidOf(launchId)] : [];
  return {
    briefs: await t.sql(`SELECT b.* FROM messaging_briefs b ${where} ORDER BY b.id`, params),
    revisions: await t.sql(
      `SELECT r.* FROM messaging_brief_revisions r JOIN messaging_briefs b ON b.id = r.brief_id ${where} ORDER BY r.brief_id, r.revision`,
      params,
    ),
    activity: await t.sql(
      `SELECT count(*)::int AS n FROM launch_activity ${launchId ? 'WHERE launch_id = $1' : ''}`,
      params,
    ),
  };
}

/** Runs a mutation that must fail with `code` (and `field`) and write nothing. */
async function rejected(
  launch: TestLaunch | null,
  run: () => Promise<GraphQLResponse>,
  code: string,
  field?: string,
) {
  const before = await snapshot(launch?.id);
  expect(before.activity[0].n).toBeGreaterThan(0); // the snapshot does see the launch's rows
  expectError(await run(), code, field);
  expect(await snapshot(launch?.id)).toEqual(before);
}

async function activity(launch: TestLaunch) {
  return t.sql<{ type: string; summary: string }>(
    `SELECT type, summary FROM launch_activity WHERE launch_id = $1 AND type LIKE 'MESSAGING%' ORDER BY seq`,
    [uuidOf(launch.id)],
  );
}

describe('messaging brief workflow', () => {
  it('goes DRAFT → IN_REVIEW → DRAFT (changes requested) → edit → IN_REVIEW → APPROVED, status moves on the current revision', async () => {
    const launch = await buildLaunch(t);
    const brief = await createBrief(launch, {
      valuePillars: [
        {
          title: 'Faster answers',
          description: 'Minutes, not hours',
          proofPoints: ['42 % quicker'],
        },
      ],
      competitiveAlternatives: ['Macros'],
      callToAction: 'Book a demo',
    });
    expect(brief).toMatchObject({
      audience: 'Support leads',
      status: 'DRAFT',
      revision: 1,
      keyMessages: ['Fewer tickets'],
      competitiveAlternatives: ['Macros'],
      callToAction: 'Book a demo',
      valuePillars: [
        {
          title: 'Faster answers',
          description: 'Minutes, not hours',
          proofPoints: ['42 % quicker'],
        },
      ],
      approvedBy: null,
      approvedAt: null,
      reviewComment: null,
      positioning: null,
    });

    expect(
      data(
        await submit({ id: brief.id, expectedRevision: 1 }, launch.pmm.token),
        'submitMessagingBrief',
      ),
    ).toEqual({ id: brief.id, status: 'IN_REVIEW', revision: 1 });
    expect(
      data(
        await requestChanges(
          { id: brief.id, comment: '  Add proof for the control pillar  ' },
          launch.pm.token,
        ),
        'requestMessagingBriefChanges',
      ),
    ).toEqual({
      id: brief.id,
      status: 'DRAFT',
      revision: 1,
      reviewComment: 'Add proof for the control pillar',
    });
    const edited = data(
      await update(
        { id: brief.id, expectedRevision: 1, keyMessages: ['Fewer tickets', 'Stay in control'] },
        launch.pmm.token,
      ),
      'updateMessagingBrief',
    );
    expect(edited).toMatchObject({
      status: 'DRAFT',
      revision: 2,
      callToAction: 'Book a demo',
      keyMessages: ['Fewer tickets', 'Stay in control'],
    });
    data(
      await submit({ id: brief.id, expectedRevision: 2 }, launch.pm.token),
      'submitMessagingBrief',
    );
    const approved = data(
      await approve({ id: brief.id, expectedRevision: 2 }, launch.pmm.token),
      'approveMessagingBrief',
    );
    expect(approved).toEqual({
      id: brief.id,
      status: 'APPROVED',
      revision: 2,
      approvedBy: { id: launch.pmm.id },
      approvedAt: expect.any(String),
    });

    const final = await read(brief.id);
    expect(final).toMatchObject({
      status: 'APPROVED',
      revision: 2,
      approvedBy: { id: launch.pmm.id },
      approvedAt: approved.approvedAt,
    });
    expect(final.revisions).toEqual([
      expect.objectContaining({
        revision: 1,
        status: 'DRAFT',
        keyMessages: ['Fewer tickets'],
        reviewComment: 'Add proof for the control pillar',
        author: { id: launch.pmm.id },
        approvedBy: null,
        approvedAt: null,
        submittedAt: expect.any(String),
      }),
      expect.objectContaining({
        revision: 2,
        status: 'APPROVED',
        keyMessages: ['Fewer tickets', 'Stay in control'],
        reviewComment: null,
        author: { id: launch.pmm.id },
        approvedBy: { id: launch.pmm.id },
        approvedAt: approved.approvedAt,
        submittedAt: expect.any(String),
      }),
    ]);
    expect(
      await t.sql('SELECT count(*)::int AS n FROM messaging_brief_revisions WHERE brief_id = $1', [
        uuidOf(brief.id),
      ]),
    ).toEqual([{ n: 2 }]);
  });

  it("makes the launch's PMM owner the brief owner by default and honours an explicit ownerId", async () => {
    const launch = await buildLaunch(t);
    expect((await createBrief(launch, {}, launch.pm.token)).owner).toEqual({ id: launch.pmm.id });
    expect((await createBrief(launch, { audience: 'CFOs', ownerId: stranger.id })).owner).toEqual({
      id: stranger.id,
    });
  });

  it('keeps the approved revision and its approval in history when an approved brief is edited', async () => {
    const launch = await buildLaunch(t);
    const admin = await buildPerson(t, { accessLevel: 'ADMIN', discipline: 'PMM' });
    const brief = await createBrief(launch);
    data(await submit({ id: brief.id }, launch.pmm.token), 'submitMessagingBrief');
    const approved = data(
      await approve({ id: brief.id, expectedRevision: 1 }, admin.token),
      'approveMessagingBrief',
    );
    expect(approved).toMatchObject({
      status: 'APPROVED',
      approvedBy: { id: admin.id },
      approvedAt: expect.any(String),
    });
    data(
      await update({ id: brief.id, callToAction: 'Start a trial' }, launch.pmm.token),
      'updateMessagingBrief',
    );
    const edited = data(
      await update(
        { id: brief.id, expectedRevision: 2, keyMessages: ['Fewer tickets', 'Happier agents'] },
        launch.pm.token,
      ),
      'updateMessagingBrief',
    );
    expect(edited).toMatchObject({
      status: 'DRAFT',
      revision: 3,
      approvedBy: null,
      approvedAt: null,
      callToAction: 'Start a trial',
    });

    const history = await read(brief.id);
    expect(history).toMatchObject({
      status: 'DRAFT',
      revision: 3,
      approvedBy: null,
      approvedAt: null,
    });
    expect(
      history.revisions.map((r: any) => [
        r.revision,
        r.status,
        r.approvedBy,
        r.approvedAt,
        r.author.id,
        r.keyMessages.length,
      ]),
    ).toEqual([
      [1, 'APPROVED', { id: admin.id }, approved.approvedAt, launch.pmm.id, 1],
      [2, 'DRAFT', null, null, launch.pmm.id, 1],
      [3, 'DRAFT', null, null, launch.pm.id, 2],
    ]);
  });

  it('composes the statement from structured positioning when the statement is blank, and keeps the parts readable', async () => {
    const launch = await buildLaunch(t);
    const brief = await createBrief(launch, {
      positioningStatement: '  ',
      positioning: POSITIONING,
    });
    expect(brief.positioningStatement).toBe(COMPOSED);
    expect(brief.positioning).toEqual(POSITIONING);
    const history = await read(brief.id);
    expect(history.revisions[0]).toMatchObject({
      positioningStatement: COMPOSED,
      positioning: { productName: 'Flow Assist' },
    });
  });

  it('prefers a given statement over the template on create and recomposes on update when only positioning is given', async () => {
    const launch = await buildLaunch(t);
    const brief = await createBrief(launch, {
      positioningStatement: 'Our own words.',
      positioning: POSITIONING,
    });
    expect(brief).toMatchObject({
      positioningStatement: 'Our own words.',
      positioning: POSITIONING,
    });
    const renamed = { ...POSITIONING, productName: 'Flow Copilot', differentiator: 'it learns' };
    const edited = data(
      await update({ id: brief.id, expectedRevision: 1, positioning: renamed }, launch.pmm.token),
      'updateMessagingBrief',
    );
    expect(edited.positioningStatement).toBe(
      'For support leads who drown in repetitive tickets, Flow Copilot is a support automation tool that resolves routine requests on its own. ' +
        'Unlike canned-response macros, it learns.',
    );
    expect(edited.positioning).toEqual(renamed);
    const kept = data(
      await update(
        {
          id: brief.id,
          expectedRevision: 2,
          positioningStatement: 'Plain words.',
          positioning: renamed,
        },
        launch.pmm.token,
      ),
      'updateMessagingBrief',
    );
    expect(kept.positioningStatement).toBe('Plain words.');
  });

  it('lets exactly one of two editors racing on the same revision win; the other gets CONFLICT', async () => {
    const launch = await buildLaunch(t);
    const brief = await createBrief(launch);
    const results = await Promise.all([
      update({ id: brief.id, expectedRevision: 1, callToAction: 'From the PM' }, launch.pm.token),
      update({ id: brief.id, expectedRevision: 1, callToAction: 'From the PMM' }, launch.pmm.token),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expectError(losers[0], 'CONFLICT');
    const rows = await t.sql(
      'SELECT revision, call_to_action FROM messaging_brief_revisions WHERE brief_id = $1 ORDER BY revision',
      [uuidOf(brief.id)],
    );
    expect(rows).toEqual([
      { revision: 1, call_to_action: null },
      {
        revision: 2,
        call_to_action: winners[0].data!.updateMessagingBrief.messagingBrief.callToAction,
      },
    ]);
    expect((await read(brief.id)).revision).toBe(2);
    expect((await activity(launch)).map((a) => a.summary)).toHaveLength(2);
  });

  it('writes activity rows for create, edit, submit, request changes and approve', async () => {
    const launch = await buildLaunch(t);
    const brief = await createBrief(launch, { audience: 'Developers' });
    data(
      await update(
        { id: brief.id, expectedRevision: 1, callToAction: 'Read the docs' },
        launch.pmm.token,
      ),
      'updateMessagingBrief',
    );
    data(
      await submit({ id: brief.id, expectedRevision: 2 }, launch.pm.token),
      'submitMessagingBrief',
    );
    data(
      await requestChanges({ id: brief.id, comment: 'Shorter' }, launch.pm.token),
      'requestMessagingBriefChanges',
    );
    data(
      await submit({ id: brief.id, expectedRevision: 2 }, launch.pmm.token),
      'submitMessagingBrief',
    );
    data(
      await approve({ id: brief.id, expectedRevision: 2 }, launch.pmm.token),
      'approveMessagingBrief',
    );
    const { pm, pmm } = launch;
    expect(await activity(launch)).toEqual([
      {
        type: 'MESSAGING_BRIEF_CHANGED',
        summary: `${pmm.name} created the messaging brief for 'Developers' (revision 1)`,
      },
      {
        type: 'MESSAGING_BRIEF_CHANGED',
        summary: `${pmm.name} edited the messaging brief for 'Developers' (revision 2)`,
      },
      {
        type: 'MESSAGING_BRIEF_CHANGED',
        summary: `${pm.name} submitted the messaging brief for 'Developers' (revision 2)`,
      },
      {
        type: 'MESSAGING_BRIEF_CHANGED',
        summary: `${pm.name} requested changes to the messaging brief for 'Developers' (revision 2)`,
      },
      {
        type: 'MESSAGING_BRIEF_CHANGED',
        summary: `${pmm.name} submitted the messaging brief for 'Developers' (revision 2)`,
      },
      {
        type: 'MESSAGING_BRIEF_APPROVED',
        summary: `${pmm.name} approved the messaging brief for 'Developers' (revision 2)`,
      },
    ]);
  });
});

describe('messaging brief bad input writes nothing', () => {
  let launch: TestLaunch;
  beforeEach(async () => {
    launch = await buildLaunch(t);
  });

  it('rejects an empty or blank positioning statement on create and on update (field positioningStatement)', async () => {
    const brief = await createBrief(launch);
    for (const statement of ['', '   ']) {
      await rejected(
        launch,
        () =>
          t.gql(
            CREATE,
            { input: { launchId: launch.id, audience: 'CTOs', positioningStatement: statement } },
            launch.pmm.token,
          ),
        'BAD_USER_INPUT',
        'positioningStatement',
      );
      await rejected(
        launch,
        () => update({ id: brief.id, positioningStatement: statement }, launch.pmm.token),
        'BAD_USER_INPUT',
        'positioningStatement',
      );
    }
  });

  it('rejects a statement over 10,000 characters and more than 100 key messages, on create and on update', async () => {
    const brief = await createBrief(launch);
    const long = 'x'.repeat(10_001);
    const many = Array.from({ length: 101 }, (_, i) => `Message ${i}`);
    const input = { launchId: launch.id, audience: 'CTOs', positioningStatement: 'Fine.' };
    await rejected(
      launch,
      () => t.gql(CREATE, { input: { ...input, positioningStatement: long } }),
      'BAD_USER_INPUT',
      'positioningStatement',
    );
    await rejected(
      launch,
      () => update({ id: brief.id, positioningStatement: long }),
      'BAD_USER_INPUT',
      'positioningStatement',
    );
    await rejected(
      launch,
      () => t.gql(CREATE, { input: { ...input, keyMessages: many } }),
      'BAD_USER_INPUT',
      'keyMessages',
    );
    await rejected(
      launch,
      () => update({ id: brief.id, keyMessages: many }),
      'BAD_USER_INPUT',
      'keyMessages',
    );
    expect(
      data(
        await update({
          id: brief.id,
          positioningStatement: 'y'.repeat(10_000),
          keyMessages: many.slice(1),
        }),
        'updateMessagingBrief',
      ),
    ).toMatchObject({ revision: 2 });
  });

  it('rejects an audience already used on the launch in another case (field audience), on create and on update', async () => {
    await createBrief(launch, { audience: 'Support Leads' });
    const other = await createBrief(launch, { audience: 'Developers' });
    await rejected(
      launch,
      () =>
        t.gql(CREATE, {
          input: { launchId: launch.id, audience: 'support leads', positioningStatement: 'P.' },
        }),
      'BAD_USER_INPUT',
      'audience',
    );
    await rejected(
      launch,
      () => update({ id: other.id, audience: 'SUPPORT LEADS' }),
      'BAD_USER_INPUT',
      'audience',
    );
    const elsewhere = await buildLaunch(t);
    expect((await createBrief(elsewhere, { audience: 'support leads' })).audience).toBe(
      'support leads',
    );
  });

  it('refuses to submit a brief without key messages (FAILED_PRECONDITION)', async () => {
    const brief = await createBrief(launch, { keyMessages: [] });
    await rejected(
      launch,
      () => submit({ id: brief.id, expectedRevision: 1 }, launch.pmm.token),
      'FAILED_PRECONDITION',
    );
    expect((await read(brief.id)).status).toBe('DRAFT');
  });

  it('refuses to approve a DRAFT or an already APPROVED brief (FAILED_PRECONDITION)', async () => {
    const brief = await createBrief(launch);
    await rejected(
      launch,
      () => approve({ id: brief.id, expectedRevision: 1 }, launch.pmm.token),
      'FAILED_PRECONDITION',
    );
    data(await submit({ id: brief.id }, launch.pmm.token), 'submitMessagingBrief');
    data(await approve({ id: brief.id }, launch.pmm.token), 'approveMessagingBrief');
    await rejected(
      launch,
      () => approve({ id: brief.id, expectedRevision: 1 }, launch.pmm.token),
      'FAILED_PRECONDITION',
    );
  });

  it('forbids the PM owner and a VIEWER to approve (FORBIDDEN)', async () => {
    const brief = await createBrief(launch);
    data(await submit({ id: brief.id }, launch.pmm.token), 'submitMessagingBrief');
    await rejected(
      launch,
      () => approve({ id: brief.id, expectedRevision: 1 }, launch.pm.token),
      'FORBIDDEN',
    );
    await rejected(
      launch,
      () => approve({ id: brief.id, expectedRevision: 1 }, viewer.token),
      'FORBIDDEN',
    );
    expect((await read(brief.id)).status).toBe('IN_REVIEW');
  });

  it('answers a stale expectedRevision on update, submit, approve and request changes with CONFLICT', async () => {
    const brief = await createBrief(launch);
    data(
      await update({ id: brief.id, expectedRevision: 1, callToAction: 'Now' }, launch.pmm.token),
      'updateMessagingBrief',
    );
    await rejected(
      launch,
      () => update({ id: brief.id, expectedRevision: 1, callToAction: 'Later' }, launch.pmm.token),
      'CONFLICT',
    );
    await rejected(
      launch,
      () => submit({ id: brief.id, expectedRevision: 1 }, launch.pmm.token),
      'CONFLICT',
    );
    data(
      await submit({ id: brief.id, expectedRevision: 2 }, launch.pmm.token),
      'submitMessagingBrief',
    );
    await rejected(
      launch,
      () => approve({ id: brief.id, expectedRevision: 1 }, launch.pmm.token),
      'CONFLICT',
    );
    await rejected(
      launch,
      () =>
        requestChanges(
          { id: brief.id, expectedRevision: 1, comment: 'Stale read' },
          launch.pm.token,
        ),
      'CONFLICT',
    );
    expect(await read(brief.id)).toMatchObject({
      status: 'IN_REVIEW',
      revision: 2,
      callToAction: 'Now',
    });
    const sentBack = data(
      await requestChanges(
        { id: brief.id, expectedRevision: 2, comment: 'Read rev 2' },
        launch.pm.token,
      ),
      'requestMessagingBriefChanges',
    );
    expect(sentBack).toMatchObject({ status: 'DRAFT', revision: 2 });
  });

  it('needs a comment of 1 to 2,000 characters to request changes (field comment)', async () => {
    const brief = await createBrief(launch);
    data(await submit({ id: brief.id }, launch.pmm.token), 'submitMessagingBrief');
    for (const comment of ['', '   ', 'c'.repeat(2001)]) {
      await rejected(
        launch,
        () => requestChanges({ id: brief.id, comment }, launch.pm.token),
        'BAD_USER_INPUT',
        'comment',
      );
    }
    const sentBack = data(
      await requestChanges({ id: brief.id, comment: 'c'.repeat(2000) }, launch.pm.token),
      'requestMessagingBriefChanges',
    );
    expect(sentBack).toMatchObject({ status: 'DRAFT', reviewComment: 'c'.repeat(2000) });
  });

  it('answers an unknown brief id with NOT_FOUND and reads it as null', async () => {
    const id = nowhere('MessagingBrief');
    await rejected(null, () => update({ id, callToAction: 'x' }), 'NOT_FOUND');
    await rejected(null, () => submit({ id }), 'NOT_FOUND');
    await rejected(null, () => approve({ id }), 'NOT_FOUND');
    await rejected(null, () => requestChanges({ id, comment: 'x' }), 'NOT_FOUND');
    expect(await read(id)).toBeNull();
  });

  it('rejects a launchId or ownerId that names nothing (BAD_USER_INPUT with the field)', async () => {
    await rejected(
      null,
      () =>
        t.gql(CREATE, {
          input: { launchId: nowhere('Launch'), audience: 'A', positioningStatement: 'P.' },
        }),
      'BAD_USER_INPUT',
      'launchId',
    );
    await rejected(
      launch,
      () =>
        t.gql(CREATE, {
          input: {
            launchId: launch.id,
            audience: 'A',
            positioningStatement: 'P.',
            ownerId: nowhere('Person'),
          },
        }),
      'BAD_USER_INPUT',
      'ownerId',
    );
  });

  it('forbids a MEMBER who owns neither the launch nor the brief to create, edit, submit or request changes', async () => {
    const brief = await createBrief(launch);
    await rejected(
      launch,
      () =>
        t.gql(
          CREATE,
          { input: { launchId: launch.id, audience: 'A', positioningStatement: 'P.' } },
          stranger.token,
        ),
      'FORBIDDEN',
    );
    await rejected(
      launch,
      () => update({ id: brief.id, callToAction: 'Mine now' }, stranger.token),
      'FORBIDDEN',
    );
    await rejected(launch, () => submit({ id: brief.id }, stranger.token), 'FORBIDDEN');
    data(await submit({ id: brief.id }, launch.pmm.token), 'submitMessagingBrief');
    await rejected(
      launch,
      () => requestChanges({ id: brief.id, comment: 'No' }, stranger.token),
      'FORBIDDEN',
    );
    await rejected(
      launch,
      () => update({ id: brief.id, callToAction: 'Mine now' }, viewer.token),
      'FORBIDDEN',
    );
  });

  it("lets a member set as the brief's owner edit and submit, but not request changes nor approve", async () => {
    const writer = await buildPerson(t, { discipline: 'PMM' });
    const brief = await createBrief(launch, { ownerId: writer.id });
    const edited = data(
      await update(
        { id: brief.id, expectedRevision: 1, keyMessages: ['By the writer'] },
        writer.token,
      ),
      'updateMessagingBrief',
    );
    expect(edited).toMatchObject({
      revision: 2,
      owner: { id: writer.id },
      keyMessages: ['By the writer'],
    });
    expect(
      data(
        await submit({ id: brief.id, expectedRevision: 2 }, writer.token),
        'submitMessagingBrief',
      ),
    ).toMatchObject({ status: 'IN_REVIEW' });
    await rejected(
      launch,
      () => requestChanges({ id: brief.id, comment: 'Sending my own back' }, writer.token),
      'FORBIDDEN',
    );
    await rejected(
      launch,
      () => approve({ id: brief.id, expectedRevision: 2 }, writer.token),
      'FORBIDDEN',
    );
    expect(
      (await read(brief.id)).revisions.map((r: any) => [r.revision, r.status, r.author.id]),
    ).toEqual([
      [1, 'DRAFT', launch.pmm.id],
      [2, 'IN_REVIEW', writer.id],
    ]);
  });
});
