import {
  buildBrief,
  buildLaunch,
  buildPerson,
  buildScenario,
  buildTask,
  buildTier,
  daysFromToday,
} from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * DESIGN.md: on update, a field left out keeps its value (a default on an
 * update input is a bug). For every update mutation of the API, each of its
 * fields is sent alone, and every other field must read back unchanged.
 */
type Row = Record<string, any>;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

function ok(res: GraphQLResponse<Row>): Row {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/**
 * Sends each patch alone (in order) through `update`, reads the object back
 * with `read`, and checks that exactly the fields the patch names changed.
 */
async function eachFieldAlone(
  patches: Array<[field: string, patch: Row, changes: (before: Row) => Row]>,
  update: (patch: Row) => Promise<void>,
  read: () => Promise<Row>,
): Promise<void> {
  for (const [field, patch, changes] of patches) {
    const before = await read();
    await update(patch);
    const after = await read();
    const expected = { ...before, ...changes(before) };
    // The version (or revision) moves on; nothing else but the field sent.
    for (const key of ['version', 'revision']) if (key in before) expected[key] = after[key];
    expect({ field, after }).toEqual({ field, after: expected });
    expect(after).not.toEqual(before);
  }
}

it('updateLaunch changes only the field sent', async () => {
  const launch = await buildLaunch(t);
  const [pm2, pmm2] = [
    await buildPerson(t, { discipline: 'PM' }),
    await buildPerson(t, { discipline: 'PMM' }),
  ];
  const READ = `query($id: ID!) { launch(id: $id) { name product summary tier launchDate status version pmOwner { id } pmmOwner { id } } }`;
  const UPDATE = `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id } } }`;
  ok(await t.gql(UPDATE, { input: { id: launch.id, summary: 'First summary' } }));
  const newDate = daysFromToday(45);
  await eachFieldAlone(
    [
      ['name', { name: 'Renamed' }, () => ({ name: 'Renamed' })],
      ['product', { product: 'Other product' }, () => ({ product: 'Other product' })],
      ['summary', { summary: 'Second summary' }, () => ({ summary: 'Second summary' })],
      ['tier', { tier: 'TIER_2' }, () => ({ tier: 'TIER_2' })],
      ['launchDate', { launchDate: newDate }, () => ({ launchDate: newDate })],
      ['pmOwnerId', { pmOwnerId: pm2.id }, () => ({ pmOwner: { id: pm2.id } })],
      ['pmmOwnerId', { pmmOwnerId: pmm2.id }, () => ({ pmmOwner: { id: pmm2.id } })],
    ],
    async (patch) => void ok(await t.gql(UPDATE, { input: { id: launch.id, ...patch } })),
    async () => ok(await t.gql(READ, { id: launch.id })).launch,
  );
});

it('updateTask changes only the field sent', async () => {
  const launch = await buildLaunch(t);
  const assignee = await buildPerson(t, { discipline: 'DESIGN' });
  const task = await buildTask(t, launch, {
    description: 'First description',
    dueDate: daysFromToday(10),
    required: false,
  });
  const READ = `query($id: ID!) { node(id: $id) { ... on Task { title description ownerRole status assignee { id } dueDate required blockedReason version } } }`;
  const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }`;
  const due = daysFromToday(20);
  await eachFieldAlone(
    [
      ['title', { title: 'Retitled' }, () => ({ title: 'Retitled' })],
      ['description', { description: 'Second' }, () => ({ description: 'Second' })],
      ['ownerRole', { ownerRole: 'DESIGN' }, () => ({ ownerRole: 'DESIGN' })],
      ['assigneeId', { assigneeId: assignee.id }, () => ({ assignee: { id: assignee.id } })],
      ['dueDate', { dueDate: due }, () => ({ dueDate: due })],
      ['required', { required: true }, () => ({ required: true })],
      ['status', { status: 'IN_PROGRESS' }, () => ({ status: 'IN_PROGRESS' })],
      [
        'status (blocked, with its reason)',
        { status: 'BLOCKED', blockedReason: 'Waiting on legal' },
        () => ({ status: 'BLOCKED', blockedReason: 'Waiting on legal' }),
      ],
      [
        'blockedReason',
        { blockedReason: 'Waiting on security' },
        () => ({ blockedReason: 'Waiting on security' }),
      ],
    ],
    async (patch) => void ok(await t.gql(UPDATE, { input: { id: task.id, ...patch } })),
    async () => ok(await t.gql(READ, { id: task.id })).node,
  );
});

it('updateMessagingBrief changes only the field sent', async () => {
  const launch = await buildLaunch(t);
  const brief = await buildBrief(t, launch, {
    audience: 'IT admins',
    positioningStatement: 'For IT admins who...',
    valuePillars: [{ title: 'Fast', description: 'Very', proofPoints: ['2x'] }],
    keyMessages: ['One'],
    competitiveAlternatives: ['Spreadsheets'],
    callToAction: 'Start a trial',
  });
  const READ = `query($id: ID!) { node(id: $id) { ... on MessagingBrief { audience positioningStatement keyMessages competitiveAlternatives callToAction owner { id } status revision valuePillars { title description proofPoints } } } }`;
  const UPDATE = `mutation($input: UpdateMessagingBriefInput!) { updateMessagingBrief(input: $input) { messagingBrief { id } } }`;
  const pillars = [{ title: 'Safe', description: 'Audited', proofPoints: ['SOC 2'] }];
  await eachFieldAlone(
    [
      ['audience', { audience: 'Developers' }, () => ({ audience: 'Developers' })],
      [
        'positioningStatement',
        { positioningStatement: 'For developers who...' },
        () => ({ positioningStatement: 'For developers who...' }),
      ],
      ['valuePillars', { valuePillars: pillars }, () => ({ valuePillars: pillars })],
      ['keyMessages', { keyMessages: ['Two'] }, () => ({ keyMessages: ['Two'] })],
      [
        'competitiveAlternatives',
        { competitiveAlternatives: ['Email'] },
        () => ({ competitiveAlternatives: ['Email'] }),
      ],
      ['callToAction', { callToAction: 'Book a demo' }, () => ({ callToAction: 'Book a demo' })],
    ],
    async (patch) => void ok(await t.gql(UPDATE, { input: { id: brief.id, ...patch } })),
    async () => ok(await t.gql(READ, { id: brief.id })).node,
  );
});

const TIER_FIELDS = `name description billingModel currency monthlyPriceCents annualPriceCents features position version priceTiers { upTo unitAmountCents flatAmountCents }`;
const UPDATE_TIER = `mutation($input: UpdatePricingTierInput!) { updatePricingTier(input: $input) { pricingTier { id } } }`;

it('updatePricingTier changes only the field sent', async () => {
  const launch = await buildLaunch(t);
  const tier = await buildTier(t, launch, {
    name: 'Team',
    description: 'For teams',
    billingModel: 'FLAT',
    currency: 'USD',
    monthlyPriceCents: 1200,
    annualPriceCents: 12000,
    features: ['SSO'],
    position: 3,
  });
  const READ = `query($id: ID!) { node(id: $id) { ... on PricingTier { ${TIER_FIELDS} } } }`;
  const bands = [
    { upTo: 5, unitAmountCents: 1000, flatAmountCents: 0 },
    { upTo: null, unitAmountCents: 800, flatAmountCents: 0 },
  ];
  await eachFieldAlone(
    [
      ['name', { name: 'Teams' }, () => ({ name: 'Teams' })],
      ['description', { description: 'Small teams' }, () => ({ description: 'Small teams' })],
      ['billingModel', { billingModel: 'PER_SEAT' }, () => ({ billingModel: 'PER_SEAT' })],
      ['currency', { currency: 'EUR' }, () => ({ currency: 'EUR' })],
      ['monthlyPriceCents', { monthlyPriceCents: 1000 }, () => ({ monthlyPriceCents: 1000 })],
      ['annualPriceCents', { annualPriceCents: 9900 }, () => ({ annualPriceCents: 9900 })],
      ['features', { features: ['SSO', 'SCIM'] }, () => ({ features: ['SSO', 'SCIM'] })],
      ['position', { position: 1 }, () => ({ position: 1 })],
      [
        'annualPriceCents (cleared)',
        { annualPriceCents: null },
        () => ({ annualPriceCents: null }),
      ],
    ],
    async (patch) => void ok(await t.gql(UPDATE_TIER, { input: { id: tier.id, ...patch } })),
    async () => ok(await t.gql(READ, { id: tier.id })).node,
  );
  // Bands: on a tier that is banded already, priceTiers alone (the one-seat price stays 1000).
  ok(
    await t.gql(UPDATE_TIER, {
      input: { id: tier.id, billingModel: 'GRADUATED', priceTiers: bands },
    }),
  );
  await eachFieldAlone(
    [
      [
        'priceTiers',
        { priceTiers: [bands[0], { ...bands[1], unitAmountCents: 700 }] },
        () => ({ priceTiers: [bands[0], { ...bands[1], unitAmountCents: 700 }] }),
      ],
    ],
    async (patch) => void ok(await t.gql(UPDATE_TIER, { input: { id: tier.id, ...patch } })),
    async () => ok(await t.gql(READ, { id: tier.id })).node,
  );
});

it('updatePricingScenario changes only the field sent, each assumption on its own', async () => {
  const launch = await buildLaunch(t);
  const tier = await buildTier(t, launch, { name: 'Team' });
  const scenario = await buildScenario(t, launch, {
    name: 'Base',
    notes: 'First notes',
    assumptions: {
      annualPlanShare: 0.35,
      monthlyChurnRate: 0.02,
      horizonMonths: 24,
      rampMonths: 3,
      monthlyExpansionRate: 0.01,
    },
    tiers: [{ tierId: tier.id, expectedCustomers: 100, seatsPerCustomer: 5 }],
  });
  const READ = `query($id: ID!) { node(id: $id) { ... on PricingScenario { name notes status version
    assumptions { annualPlanShare monthlyChurnRate horizonMonths rampMonths monthlyExpansionRate }
    tiers { tier { id } monthlyPriceCents annualPriceCents expectedCustomers seatsPerCustomer annualPlanShare monthlyChurnRate } } } }`;
  const UPDATE = `mutation($input: UpdatePricingScenarioInput!) { updatePricingScenario(input: $input) { pricingScenario { id } } }`;
  const assumption = (key: string, value: number) =>
    [
      `assumptions.${key}`,
      { assumptions: { [key]: value } },
      (before: Row) => ({ assumptions: { ...before.assumptions, [key]: value } }),
    ] as [string, Row, (before: Row) => Row];
  const line = {
    tierId: tier.id,
    monthlyPriceCents: 1500,
    expectedCustomers: 80,
    seatsPerCustomer: 4,
    annualPlanShare: 0.5,
    monthlyChurnRate: 0.03,
  };
  await eachFieldAlone(
    [
      ['name', { name: 'Renamed' }, () => ({ name: 'Renamed' })],
      ['notes', { notes: 'Second notes' }, () => ({ notes: 'Second notes' })],
      assumption('annualPlanShare', 0.5),
      assumption('monthlyChurnRate', 0.03),
      assumption('horizonMonths', 36),
      assumption('rampMonths', 6),
      assumption('monthlyExpansionRate', 0.02),
      [
        'tiers',
        { tiers: [line] },
        () => ({
          tiers: [
            {
              tier: { id: tier.id },
              monthlyPriceCents: 1500,
              annualPriceCents: 18000,
              expectedCustomers: 80,
              seatsPerCustomer: 4,
              annualPlanShare: 0.5,
              monthlyChurnRate: 0.03,
            },
          ],
        }),
      ],
    ],
    async (patch) => void ok(await t.gql(UPDATE, { input: { id: scenario.id, ...patch } })),
    async () => ok(await t.gql(READ, { id: scenario.id })).node,
  );
});
