import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globalId, ok, uuidOf } from './support/helpers';
import { buildLaunch, buildPerson, type TestLaunch, type TestPerson } from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

// The contract document: every operation below is sent exactly as clients send it.
const CONTRACT = readFileSync(path.join(__dirname, 'contract/pricing.graphql'), 'utf8');
const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on PricingTier { name } ... on PricingScenario { name status } } }`;
const ACTIVITY = `query($id: ID!) { launch(id: $id) { activity(first: 100) { edges { node { type subjectId summary } } } } }`;

type Res = GraphQLResponse<Record<string, any>>;
type Row = Record<string, any>;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

const op = (
  name: string,
  variables: Record<string, unknown>,
  token?: string | null,
): Promise<Res> => t.gql(CONTRACT, variables, token, name);
const createTier = (input: Row, token?: string) => op('CreatePricingTier', { input }, token);
const updateTier = (input: Row, token?: string) => op('UpdatePricingTier', { input }, token);
const deleteTier = (input: Row, token?: string) => op('DeletePricingTier', { input }, token);
const createScenario = (input: Row, token?: string) =>
  op('CreatePricingScenario', { input }, token);
const updateScenario = (input: Row, token?: string) =>
  op('UpdatePricingScenario', { input }, token);
const apply = (input: Row, token?: string) => op('ApplyPricingScenario', { input }, token);
const compare = (ids: string[], baselineId?: string, token?: string) =>
  op('ComparePricingScenarios', { ids, baselineId }, token);
const launchPricing = async (launchId: string) =>
  ok(await op('LaunchPricing', { launchId })).launch;

const ext = (res: Res): Row => res.errors![0].extensions ?? {};

/** Everything a pricing mutation could write, across all launches: rows, versions, activity. */
async function snapshot() {
  const [row] = await t.sql(`SELECT
    (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM pricing_tiers x) AS tiers,
    (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM pricing_scenarios x) AS scenarios,
    (SELECT coalesce(json_agg(x ORDER BY x.scenario_id, x.tier_id), '[]') FROM pricing_scenario_tiers x) AS lines,
    (SELECT coalesce(json_agg(json_build_object('id', l.id, 'version', l.version, 'seq', l.activity_seq) ORDER BY l.id), '[]') FROM launches l) AS launches,
    (SELECT count(*)::int FROM launch_activity) AS activity`);
  return row;
}

/** Runs a request that must fail with `code` (and `field`) and asserts it wrote nothing at all. */
async function rejects(run: () => Promise<Res>, code: string, field?: string): Promise<Res> {
  const before = await snapshot();
  const res = await run();
  expect(res.errors).toHaveLength(1);
  expect(ext(res)).toMatchObject(field === undefined ? { code } : { code, field });
  expect(await snapshot()).toEqual(before);
  return res;
}

interface Fixture {
  launch: TestLaunch;
  free: Row;
  team: Row;
  business: Row;
  enterprise: Row;
}

/** A launch with Free, Team, Business and Enterprise tiers in `currency`. */
async function pricedLaunch(
  currency = 'USD',
  owners: { pm?: TestPerson; pmm?: TestPerson } = {},
): Promise<Fixture> {
  const launch = await buildLaunch(t, owners);
  const tier = async (input: Row) =>
    ok(await createTier({ launchId: launch.id, currency, ...input }, launch.pm.token))
      .createPricingTier.pricingTier;
  return {
    launch,
    free: await tier({ name: 'Free', billingModel: 'FLAT', monthlyPriceCents: 0 }),
    team: await tier({
      name: 'Team',
      billingModel: 'PER_SEAT',
      monthlyPriceCents: 1200,
      annualPriceCents: 12000,
    }),
    business: await tier({ name: 'Business', billingModel: 'PER_SEAT', monthlyPriceCents: 2500 }),
    enterprise: await tier({ name: 'Enterprise', billingModel: 'FLAT', monthlyPriceCents: 150000 }),
  };
}

const assumptions = { annualPlanShare: 0.35, monthlyChurnRate: 0.02, horizonMonths: 12 };
function lines(f: Fixture): Row[] {
  return [
    { tierId: f.team.id, expectedCustomers: 200, seatsPerCustomer: 5 },
    { tierId: f.business.id, expectedCustomers: 50, seatsPerCustomer: 20 },
    { tierId: f.enterprise.id, expectedCustomers: 3 },
  ];
}
async function scenario(f: Fixture, input: Row = {}): Promise<Row> {
  const res = await createScenario(
    { launchId: f.launch.id, name: 'Base', assumptions, tiers: lines(f), ...input },
    f.launch.pmm.token,
  );
  return ok(res).createPricingScenario.pricingScenario;
}

let f: Fixture;
let other: Fixture;
let stranger: TestPerson;
let viewer: TestPerson;
beforeAll(async () => {
  f = await pricedLaunch();
  other = await pricedLaunch('EUR');
  stranger = await buildPerson(t, { discipline: 'PMM' });
  viewer = await buildPerson(t, { discipline: 'SALES', accessLevel: 'VIEWER' });
});

describe('bad input to pricing tiers: its code and field, nothing written', () => {
  const base = (): Row => ({
    launchId: f.launch.id,
    name: 'Pro',
    billingModel: 'PER_SEAT',
    currency: 'USD',
    monthlyPriceCents: 900,
  });
  it.each<[string, () => Row, string]>([
    ['an unknown currency XYZ', () => ({ currency: 'XYZ' }), 'currency'],
    ['a currency other than the launch’s other tiers', () => ({ currency: 'EUR' }), 'currency'],
    ['a negative monthly price', () => ({ monthlyPriceCents: -1 }), 'monthlyPriceCents'],
    ['a negative annual price', () => ({ annualPriceCents: -100 }), 'annualPriceCents'],
    [
      'a monthly price above 10^9 minor units',
      () => ({ monthlyPriceCents: 1_000_000_001 }),
      'monthlyPriceCents',
    ],
    [
      'an annual price above 10^9 minor units',
      () => ({ annualPriceCents: 1_000_000_001 }),
      'annualPriceCents',
    ],
    ['a duplicate name, regardless of case and blanks', () => ({ name: '  tEAm ' }), 'name'],
    ['a blank name', () => ({ name: '   ' }), 'name'],
    ['a negative position', () => ({ position: -1 }), 'position'],
    ['a blank feature', () => ({ features: ['SSO', ' '] }), 'features'],
    [
      'a launch that does not exist',
      () => ({ launchId: globalId('Launch', randomUUID()) }),
      'launchId',
    ],
    ['a launch id of the wrong type', () => ({ launchId: f.team.id }), 'launchId'],
  ])('createPricingTier rejects %s', async (_, overrides, field) => {
    await rejects(
      () => createTier({ ...base(), ...overrides() }, f.launch.pm.token),
      'BAD_USER_INPUT',
      field,
    );
  });

  it.each<[string, () => Row, string]>([
    ['a currency other than the other tiers’', () => ({ currency: 'eur' }), 'currency'],
    ['a name another tier has', () => ({ name: 'BUSINESS' }), 'name'],
    ['a null monthly price', () => ({ monthlyPriceCents: null }), 'monthlyPriceCents'],
    ['a negative monthly price', () => ({ monthlyPriceCents: -1 }), 'monthlyPriceCents'],
    ['a price above 10^9', () => ({ annualPriceCents: 2_000_000_000 }), 'annualPriceCents'],
  ])('updatePricingTier rejects %s', async (_, overrides, field) => {
    await rejects(
      () => updateTier({ id: f.team.id, ...overrides() }, f.launch.pm.token),
      'BAD_USER_INPUT',
      field,
    );
  });

  it('accepts exactly 10^9 minor units and lower-case currency codes (stored upper case)', async () => {
    const launch = await buildLaunch(t);
    const res = await createTier(
      {
        launchId: launch.id,
        name: 'Max',
        billingModel: 'FLAT',
        currency: 'chf',
        monthlyPriceCents: 1_000_000_000,
        annualPriceCents: 1_000_000_000,
      },
      launch.pm.token,
    );
    expect(ok(res).createPricingTier.pricingTier).toMatchObject({
      currency: 'CHF',
      monthlyPriceCents: 1_000_000_000,
      annualPriceCents: 1_000_000_000,
    });
  });

  it('lets the only tier of a launch change currency, but not one of several', async () => {
    const launch = await buildLaunch(t);
    const only = ok(
      await createTier(
        {
          launchId: launch.id,
          name: 'Only',
          billingModel: 'FLAT',
          currency: 'USD',
          monthlyPriceCents: 100,
        },
        launch.pm.token,
      ),
    ).createPricingTier.pricingTier;
    expect(
      ok(await updateTier({ id: only.id, currency: 'GBP' }, launch.pm.token)).updatePricingTier
        .pricingTier.currency,
    ).toBe('GBP');
    await rejects(
      () =>
        createTier(
          {
            launchId: launch.id,
            name: 'Second',
            billingModel: 'FLAT',
            currency: 'USD',
            monthlyPriceCents: 1,
          },
          launch.pm.token,
        ),
      'BAD_USER_INPUT',
      'currency',
    );
  });

  it('answers NOT_FOUND for an input.id naming no tier, and CONFLICT for a stale expectedVersion', async () => {
    await rejects(
      () => updateTier({ id: globalId('PricingTier', randomUUID()), name: 'X' }, f.launch.pm.token),
      'NOT_FOUND',
    );
    await rejects(
      () => deleteTier({ id: globalId('PricingTier', randomUUID()) }, f.launch.pm.token),
      'NOT_FOUND',
    );
    await rejects(
      () => updateTier({ id: f.team.id, expectedVersion: 99, name: 'Team 2' }, f.launch.pm.token),
      'CONFLICT',
    );
    await rejects(
      () => deleteTier({ id: f.team.id, expectedVersion: 99 }, f.launch.pm.token),
      'CONFLICT',
    );
  });
});

describe('bad input to pricing scenarios: its code and field path, nothing written', () => {
  const withLine = (index: number, line: () => Row) => (): Row => ({
    tiers: lines(f).map((l, i) => (i === index ? { ...l, ...line() } : l)),
  });
  it.each<[string, () => Row, string]>([
    [
      'annualPlanShare below 0',
      () => ({ assumptions: { annualPlanShare: -0.01 } }),
      'assumptions.annualPlanShare',
    ],
    [
      'annualPlanShare above 1',
      () => ({ assumptions: { annualPlanShare: 1.5 } }),
      'assumptions.annualPlanShare',
    ],
    [
      'monthlyChurnRate of 1',
      () => ({ assumptions: { monthlyChurnRate: 1 } }),
      'assumptions.monthlyChurnRate',
    ],
    [
      'monthlyChurnRate above 1',
      () => ({ assumptions: { monthlyChurnRate: 1.2 } }),
      'assumptions.monthlyChurnRate',
    ],
    [
      'a negative monthlyChurnRate',
      () => ({ assumptions: { monthlyChurnRate: -0.02 } }),
      'assumptions.monthlyChurnRate',
    ],
    [
      'a churn rate with more than 30 decimals',
      () => ({ assumptions: { monthlyChurnRate: 1e-31 } }),
      'assumptions.monthlyChurnRate',
    ],
    ['horizonMonths 0', () => ({ assumptions: { horizonMonths: 0 } }), 'assumptions.horizonMonths'],
    [
      'horizonMonths 121',
      () => ({ assumptions: { horizonMonths: 121 } }),
      'assumptions.horizonMonths',
    ],
    [
      'negative expectedCustomers',
      withLine(1, () => ({ expectedCustomers: -1 })),
      'tiers.1.expectedCustomers',
    ],
    [
      'seatsPerCustomer 0',
      withLine(2, () => ({ seatsPerCustomer: 0 })),
      'tiers.2.seatsPerCustomer',
    ],
    [
      'a negative price override',
      withLine(0, () => ({ monthlyPriceCents: -1 })),
      'tiers.0.monthlyPriceCents',
    ],
    [
      'a price override above 10^9',
      withLine(0, () => ({ annualPriceCents: 1_000_000_001 })),
      'tiers.0.annualPriceCents',
    ],
    ['a tier of another launch', withLine(1, () => ({ tierId: other.team.id })), 'tiers.1.tierId'],
    [
      'a tier that does not exist',
      withLine(2, () => ({ tierId: globalId('PricingTier', randomUUID()) })),
      'tiers.2.tierId',
    ],
    ['the same tier twice', withLine(2, () => ({ tierId: f.team.id })), 'tiers.2.tierId'],
    [
      'a launch that does not exist',
      () => ({ launchId: globalId('Launch', randomUUID()) }),
      'launchId',
    ],
    [
      'a projection beyond 2^53 - 1 minor units',
      withLine(1, () => ({
        monthlyPriceCents: 1_000_000_000,
        expectedCustomers: 2_000_000_000,
        seatsPerCustomer: 2_000_000,
      })),
      'tiers',
    ],
  ])('createPricingScenario rejects %s', async (_, overrides, field) => {
    const input = {
      launchId: f.launch.id,
      name: 'Bad',
      assumptions,
      tiers: lines(f),
      ...overrides(),
    };
    await rejects(() => createScenario(input, f.launch.pmm.token), 'BAD_USER_INPUT', field);
  });

  it('rejects the same bad inputs on update, leaving the scenario as it was', async () => {
    const s = await scenario(f, { name: 'Update target' });
    await rejects(
      () => updateScenario({ id: s.id, assumptions: { horizonMonths: 121 } }, f.launch.pm.token),
      'BAD_USER_INPUT',
      'assumptions.horizonMonths',
    );
    await rejects(
      () =>
        updateScenario(
          { id: s.id, tiers: [lines(f)[0], { ...lines(f)[1], seatsPerCustomer: 0 }] },
          f.launch.pm.token,
        ),
      'BAD_USER_INPUT',
      'tiers.1.seatsPerCustomer',
    );
    await rejects(
      () =>
        updateScenario(
          { id: s.id, name: 'Renamed', tiers: [lines(f)[0], lines(f)[0]] },
          f.launch.pm.token,
        ),
      'BAD_USER_INPUT',
      'tiers.1.tierId',
    );
    await rejects(
      () =>
        updateScenario(
          { id: s.id, tiers: [{ tierId: other.free.id, expectedCustomers: 1 }] },
          f.launch.pm.token,
        ),
      'BAD_USER_INPUT',
      'tiers.0.tierId',
    );
    await rejects(
      () => updateScenario({ id: s.id, expectedVersion: 7, name: 'Stale' }, f.launch.pm.token),
      'CONFLICT',
    );
    await rejects(
      () =>
        updateScenario(
          { id: globalId('PricingScenario', randomUUID()), name: 'Nobody' },
          f.launch.pm.token,
        ),
      'NOT_FOUND',
    );
    const [current] = (await launchPricing(f.launch.id)).pricingScenarios.filter(
      (x: Row) => x.id === s.id,
    );
    expect(current).toEqual(s);
  });

  it('accepts a tier price change that a frozen scenario could not carry, and rejects pinning it', async () => {
    const g = await pricedLaunch();
    const s = await scenario(g, {
      tiers: [{ tierId: g.team.id, expectedCustomers: 2_000_000_000, seatsPerCustomer: 10 }],
    });
    // The scenario keeps its pinned price, so the live price may move...
    ok(await updateTier({ id: g.team.id, monthlyPriceCents: 1_000_000_000 }, g.launch.pm.token));
    // ...but pinning the scenario again at that price would leave SafeInt.
    await rejects(
      () => updateScenario({ id: s.id, notes: 'pin again' }, g.launch.pm.token),
      'BAD_USER_INPUT',
      'tiers',
    );
  });
});

describe('comparePricingScenarios', () => {
  it('rejects 0 and 21 ids, scenarios in two currencies and unknown ids, on the field', async () => {
    const s = await scenario(f);
    const euro = await scenario(other);
    expect(ext(await compare([]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(ext(await compare(Array.from({ length: 21 }, () => s.id)))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
    });
    expect(ext(await compare([s.id, euro.id]))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
    });
    expect(ext(await compare([s.id], euro.id))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
    });
    expect(ext(await compare([s.id, globalId('PricingScenario', randomUUID())]))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids.1',
    });
    expect(ext(await compare([s.id], globalId('PricingScenario', randomUUID())))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'baselineId',
    });
    expect(ext(await compare([f.team.id]))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids.0',
    });
  });

  it('gives null mrrDeltaPercent against a baseline with 0 MRR, and rows in the order asked', async () => {
    const zero = await scenario(f, { name: 'Nobody buys', tiers: [] });
    const s = await scenario(f, { name: 'Some' });
    const res = ok(
      await compare([s.id, zero.id, s.id], zero.id, viewer.token),
    ).comparePricingScenarios;
    expect(res.baseline).toEqual({ id: zero.id, name: 'Nobody buys' });
    expect(res.rows.map((r: Row) => [r.scenario.id, r.mrrDeltaCents, r.mrrDeltaPercent])).toEqual([
      [s.id, 4_080_000, null],
      [zero.id, 0, null],
      [s.id, 4_080_000, null],
    ]);
  });

  it('runs the same number of SQL statements for 1 and for 20 scenarios across launches', async () => {
    const ids: string[] = [];
    for (let l = 0; l < 4; l += 1) {
      const g = await pricedLaunch();
      for (let i = 0; i < 5; i += 1) ids.push((await scenario(g, { name: `S${i}` })).id);
    }
    const measure = async (asked: string[]) => {
      const before = t.app.queries.count;
      const res = await compare(asked, undefined, viewer.token);
      const statements = t.app.queries.count - before;
      const rows = ok(res).comparePricingScenarios.rows;
      expect(rows.map((r: Row) => r.scenario.id)).toEqual(asked);
      for (const row of rows) expect(row.projection.mrrCents).toBe(4_080_000);
      return statements;
    };
    const one = await measure(ids.slice(0, 1));
    const twenty = await measure(ids);
    console.log(
      `ComparePricingScenarios SQL statements: 1 scenario -> ${one}, 20 scenarios -> ${twenty}`,
    );
    expect(twenty).toBe(one);
    expect(twenty).toBeLessThanOrEqual(4);
  });
});

describe('LaunchPricing', () => {
  it('reads 4 tiers and 3 scenarios with projections in a small fixed number of statements', async () => {
    const g = await pricedLaunch();
    for (const name of ['A', 'B', 'C']) await scenario(g, { name });
    const before = t.app.queries.count;
    const launch = ok(await op('LaunchPricing', { launchId: g.launch.id }, viewer.token)).launch;
    const statements = t.app.queries.count - before;
    console.log(`LaunchPricing SQL statements (4 tiers, 3 scenarios): ${statements}`);
    expect(launch.pricingTiers.map((x: Row) => x.name)).toEqual([
      'Free',
      'Team',
      'Business',
      'Enterprise',
    ]);
    expect(
      launch.pricingScenarios.map((x: Row) => [
        x.name,
        x.projection.mrrCents,
        x.projection.byTier.length,
      ]),
    ).toEqual([
      ['A', 4_080_000, 4],
      ['B', 4_080_000, 4],
      ['C', 4_080_000, 4],
    ]);
    expect(statements).toBeLessThanOrEqual(5);
  });
});

describe('the whole pricing flow', () => {
  it('creates, projects from live prices, compares, applies, archives, and logs every change', async () => {
    const g = await pricedLaunch();
    const current = await scenario(g, { name: 'Current' });
    // Business has no annual price: 12 x monthly, and the projection follows the live price.
    expect(current.projection.byTier[2]).toEqual({
      tierId: g.business.id,
      tierName: 'Business',
      customerCount: 50,
      mrrCents: 2_500_000,
    });
    const repriced = ok(
      await updateTier(
        { id: g.business.id, expectedVersion: 1, annualPriceCents: 25000 },
        g.launch.pmm.token,
      ),
    ).updatePricingTier.pricingTier;
    expect(repriced.version).toBe(2);
    // The scenario is frozen: its projection keeps the price it pinned, and it says the live price moved.
    const frozen = (await launchPricing(g.launch.id)).pricingScenarios[0];
    expect(frozen.projection).toEqual(current.projection);
    expect(frozen.liveDrift).toBe(true);
    // Editing it pins today's live prices.
    ok(
      await updateScenario(
        { id: current.id, notes: 'at the new annual price' },
        g.launch.pmm.token,
      ),
    );
    const live = (await launchPricing(g.launch.id)).pricingScenarios[0];
    expect(live.liveDrift).toBe(false);
    expect(live.projection).toMatchObject({
      mrrCents: 3_934_167,
      arrCents: 47_210_004,
      arpuCents: 15_550,
      horizonRevenueCents: 42_348_018,
    });
    expect(live.projection.byTier.map((x: Row) => x.tierId)).toEqual([
      g.free.id,
      g.team.id,
      g.business.id,
      g.enterprise.id,
    ]);
    expect(live.projection.byTier[0]).toEqual({
      tierId: g.free.id,
      tierName: 'Free',
      customerCount: 0,
      mrrCents: 0,
    });

    const first = ok(
      await apply({ id: current.id, expectedVersion: 2 }, g.launch.pmm.token),
    ).applyPricingScenario;
    expect(first.pricingScenario).toMatchObject({
      status: 'APPLIED',
      appliedAt: expect.any(String),
    });
    expect(first.launch.pricingTiers.map((x: Row) => x.version)).toEqual([1, 1, 2, 1]);

    const raise = await scenario(g, {
      name: 'Raise',
      tiers: [
        {
          tierId: g.team.id,
          monthlyPriceCents: 1440,
          annualPriceCents: 14400,
          expectedCustomers: 180,
          seatsPerCustomer: 5,
        },
        ...lines(g).slice(1),
      ],
    });
    const cmp = ok(await compare([current.id, raise.id])).comparePricingScenarios;
    expect(cmp.rows.map((r: Row) => [r.mrrDeltaCents, r.mrrDeltaPercent])).toEqual([
      [0, 0],
      [90_400, 2.3],
    ]);

    const second = ok(await apply({ id: raise.id }, g.launch.pmm.token)).applyPricingScenario;
    expect(second.launch.pricingTiers.find((x: Row) => x.name === 'Team')).toMatchObject({
      monthlyPriceCents: 1440,
      annualPriceCents: 14400,
      version: 2,
    });
    const after = await launchPricing(g.launch.id);
    expect(
      after.pricingScenarios.map((x: Row) => [x.name, x.status, x.version, x.appliedAt !== null]),
    ).toEqual([
      ['Current', 'ARCHIVED', 4, true],
      ['Raise', 'APPLIED', 2, true],
    ]);
    // Applied prices are live prices now: the applied scenario's projection is unchanged by applying.
    expect(after.pricingScenarios[1].projection).toEqual(cmp.rows[1].projection);

    const node = ok(await t.gql(NODE, { id: raise.id })).node;
    expect(node).toEqual({
      __typename: 'PricingScenario',
      id: raise.id,
      name: 'Raise',
      status: 'APPLIED',
    });
    expect(ok(await t.gql(NODE, { id: g.team.id })).node).toEqual({
      __typename: 'PricingTier',
      id: g.team.id,
      name: 'Team',
    });

    const log = ok(await t.gql(ACTIVITY, { id: g.launch.id })).launch.activity.edges.map(
      (e: Row) => e.node.type,
    );
    expect(log.filter((x: string) => x.startsWith('PRICING'))).toEqual([
      'PRICING_TIER_CHANGED',
      'PRICING_TIER_CHANGED',
      'PRICING_TIER_CHANGED',
      'PRICING_TIER_CHANGED',
      'PRICING_SCENARIO_CHANGED',
      'PRICING_TIER_CHANGED',
      'PRICING_SCENARIO_CHANGED',
      'PRICING_SCENARIO_APPLIED',
      'PRICING_SCENARIO_CHANGED',
      'PRICING_SCENARIO_APPLIED',
    ]);
  });

  it('deleting a tier drops its scenario lines and moves those scenarios’ versions on', async () => {
    const g = await pricedLaunch();
    const s = await scenario(g);
    ok(await deleteTier({ id: g.business.id, expectedVersion: 1 }, g.launch.pm.token));
    const [after] = (await launchPricing(g.launch.id)).pricingScenarios;
    expect(after.version).toBe(s.version + 1);
    expect(after.tiers.map((x: Row) => x.tier.name)).toEqual(['Team', 'Enterprise']);
    expect(after.projection.byTier.map((x: Row) => x.tierName)).toEqual([
      'Free',
      'Team',
      'Enterprise',
    ]);
    expect(
      await t.sql('SELECT 1 FROM pricing_scenario_tiers WHERE tier_id = $1', [
        uuidOf(g.business.id),
      ]),
    ).toEqual([]);
  });
});

describe('applyPricingScenario failures leave the live tiers untouched', () => {
  it('is CONFLICT on a stale expectedVersion and writes nothing', async () => {
    const g = await pricedLaunch();
    const old = await scenario(g, { name: 'Old' });
    ok(await apply({ id: old.id }, g.launch.pmm.token));
    const next = await scenario(g, {
      name: 'Next',
      tiers: [{ tierId: g.team.id, monthlyPriceCents: 9999, expectedCustomers: 1 }],
    });
    ok(await updateScenario({ id: next.id, notes: 'bumps the version to 2' }, g.launch.pmm.token));
    await rejects(() => apply({ id: next.id, expectedVersion: 1 }, g.launch.pmm.token), 'CONFLICT');
    const after = await launchPricing(g.launch.id);
    expect(after.pricingTiers.find((x: Row) => x.name === 'Team')).toMatchObject({
      monthlyPriceCents: 1200,
      version: 1,
    });
    expect(after.pricingScenarios.map((x: Row) => x.status)).toEqual(['APPLIED', 'DRAFT']);
  });

  it('lets exactly one of two concurrent applies with the same expectedVersion win', async () => {
    const g = await pricedLaunch();
    const s = await scenario(g, {
      tiers: [{ tierId: g.team.id, monthlyPriceCents: 1500, expectedCustomers: 5 }],
    });
    const results = await Promise.all([
      apply({ id: s.id, expectedVersion: 1 }, g.launch.pmm.token),
      apply({ id: s.id, expectedVersion: 1 }, g.launch.pmm.token),
    ]);
    expect(results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort()).toEqual([
      'CONFLICT',
      'OK',
    ]);
    expect(
      (await launchPricing(g.launch.id)).pricingTiers.find((x: Row) => x.name === 'Team'),
    ).toMatchObject({ monthlyPriceCents: 1500, version: 2 });
  });

  it('is NOT_FOUND for an id naming no scenario', async () => {
    await rejects(
      () => apply({ id: globalId('PricingScenario', randomUUID()) }, f.launch.pmm.token),
      'NOT_FOUND',
    );
  });
});

describe('who may change pricing', () => {
  it('lets the PM owner, the PMM owner and admins change tiers and scenarios; others are FORBIDDEN', async () => {
    const g = await pricedLaunch();
    const tierInput = (name: string) => ({
      launchId: g.launch.id,
      name,
      billingModel: 'FLAT',
      currency: 'USD',
      monthlyPriceCents: 1,
    });
    ok(await createTier(tierInput('By PMM'), g.launch.pmm.token));
    ok(await createTier(tierInput('By admin')));
    await rejects(() => createTier(tierInput('By stranger'), stranger.token), 'FORBIDDEN');
    await rejects(() => createTier(tierInput('By viewer'), viewer.token), 'FORBIDDEN');
    await rejects(
      () => updateTier({ id: g.team.id, monthlyPriceCents: 1 }, stranger.token),
      'FORBIDDEN',
    );
    await rejects(() => deleteTier({ id: g.team.id }, stranger.token), 'FORBIDDEN');
    const s = ok(
      await createScenario(
        { launchId: g.launch.id, name: 'By PM', tiers: lines(g) },
        g.launch.pm.token,
      ),
    ).createPricingScenario.pricingScenario;
    await rejects(
      () =>
        createScenario({ launchId: g.launch.id, name: 'By stranger', tiers: [] }, stranger.token),
      'FORBIDDEN',
    );
    await rejects(
      () => updateScenario({ id: s.id, name: 'Hijacked' }, stranger.token),
      'FORBIDDEN',
    );
    await rejects(() => updateScenario({ id: s.id, name: 'Viewer' }, viewer.token), 'FORBIDDEN');
    const res = await t.gql(CONTRACT, { launchId: g.launch.id }, null, 'LaunchPricing');
    expect(ext(res).code).toBe('UNAUTHENTICATED');
  });

  it('lets only the PMM owner and admins apply a scenario: the PM owner is FORBIDDEN', async () => {
    const g = await pricedLaunch();
    const s = await scenario(g, {
      tiers: [{ tierId: g.team.id, monthlyPriceCents: 1300, expectedCustomers: 10 }],
    });
    await rejects(() => apply({ id: s.id }, g.launch.pm.token), 'FORBIDDEN');
    await rejects(() => apply({ id: s.id }, stranger.token), 'FORBIDDEN');
    await rejects(() => apply({ id: s.id }, viewer.token), 'FORBIDDEN');
    expect(
      ok(await apply({ id: s.id, expectedVersion: 1 }, g.launch.pmm.token)).applyPricingScenario
        .pricingScenario.status,
    ).toBe('APPLIED');
    expect(ok(await apply({ id: s.id })).applyPricingScenario.pricingScenario.status).toBe(
      'APPLIED',
    );
    // Applying again writes nothing to a tier that already has the pinned prices.
    expect(
      (await launchPricing(g.launch.id)).pricingTiers.find((x: Row) => x.name === 'Team'),
    ).toMatchObject({ monthlyPriceCents: 1300, version: 2 });
  });

  it('lets a VIEWER read pricing and compare', async () => {
    const s = await scenario(f, { name: 'Readable' });
    expect(
      ok(await op('LaunchPricing', { launchId: f.launch.id }, viewer.token)).launch.pricingTiers,
    ).toHaveLength(4);
    expect(
      ok(await compare([s.id], undefined, viewer.token)).comparePricingScenarios.rows,
    ).toHaveLength(1);
  });
});
