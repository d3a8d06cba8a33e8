import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildLaunch, type TestLaunch } from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

// GRADUATED and VOLUME tiers, stripePrice, the new assumptions' bad inputs, and warnings.
const CONTRACT = readFileSync(path.join(__dirname, 'contract/pricing.graphql'), 'utf8');
const WARNINGS = `query($id: ID!) { launch(id: $id) {
  pricingTiers { name warnings { code tierId message } }
  pricingScenarios { name warnings { code tierId message } } } }`;
type Row = Record<string, any>;
type Res = GraphQLResponse<Row>;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

const op = (name: string, variables: Row): Promise<Res> =>
  t.gql(CONTRACT, variables, undefined, name);
function ok(res: Res): Row {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function countRows(): Promise<Row> {
  const [row] = await t.sql(`SELECT (SELECT count(*)::int FROM pricing_tiers) AS tiers,
    (SELECT count(*)::int FROM pricing_scenarios) AS scenarios,
    (SELECT coalesce(sum(version), 0)::int FROM pricing_tiers) AS tier_versions,
    (SELECT coalesce(sum(version), 0)::int FROM pricing_scenarios) AS scenario_versions,
    (SELECT count(*)::int FROM launch_activity) AS activity`);
  return row;
}

async function rejects(run: () => Promise<Res>, field: string): Promise<Res> {
  const before = await countRows();
  const res = await run();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await countRows()).toEqual(before);
  return res;
}

const BANDS = [
  { upTo: 10, unitAmountCents: 2000, flatAmountCents: 5000 },
  { upTo: 50, unitAmountCents: 1500 },
  { upTo: null, unitAmountCents: 1000 },
];

let launch: TestLaunch;
let graduated: Row;
let flat: Row;
beforeAll(async () => {
  launch = await buildLaunch(t);
  const create = async (input: Row) =>
    ok(await op('CreatePricingTier', { input: { launchId: launch.id, currency: 'USD', ...input } }))
      .createPricingTier.pricingTier;
  flat = await create({ name: 'Flat', billingModel: 'FLAT', monthlyPriceCents: 900 });
  graduated = await create({
    name: 'Scale',
    billingModel: 'GRADUATED',
    monthlyPriceCents: 7000,
    priceTiers: BANDS,
  });
});

describe('GRADUATED and VOLUME bands', () => {
  const tier = (input: Row) => () =>
    op('CreatePricingTier', {
      input: {
        launchId: launch.id,
        name: `Banded ${randomUUID().slice(0, 8)}`,
        currency: 'USD',
        billingModel: 'VOLUME',
        monthlyPriceCents: 7000,
        priceTiers: BANDS,
        ...input,
      },
    });
  it.each<[string, Row, string]>([
    ['no bands', { priceTiers: null }, 'priceTiers'],
    ['an empty list of bands', { priceTiers: [] }, 'priceTiers'],
    [
      'a last band with an upTo',
      { priceTiers: [{ upTo: 10, unitAmountCents: 7000 }] },
      'priceTiers.0.upTo',
    ],
    [
      'an unbounded band before the last',
      {
        priceTiers: [
          { upTo: null, unitAmountCents: 7000 },
          { upTo: null, unitAmountCents: 1 },
        ],
      },
      'priceTiers.0.upTo',
    ],
    [
      'upTo that does not rise',
      {
        priceTiers: [
          { upTo: 10, unitAmountCents: 2000, flatAmountCents: 5000 },
          { upTo: 10, unitAmountCents: 1 },
          { upTo: null, unitAmountCents: 1 },
        ],
      },
      'priceTiers.1.upTo',
    ],
    [
      'an upTo of 0',
      { priceTiers: [{ upTo: 0, unitAmountCents: 1 }, ...BANDS] },
      'priceTiers.0.upTo',
    ],
    [
      'a negative unit amount',
      { priceTiers: [{ ...BANDS[0], unitAmountCents: -1 }, ...BANDS.slice(1)] },
      'priceTiers.0.unitAmountCents',
    ],
    [
      'a flat amount above 10^9',
      { priceTiers: [BANDS[0], { ...BANDS[1], flatAmountCents: 1_000_000_001 }, BANDS[2]] },
      'priceTiers.1.flatAmountCents',
    ],
    [
      'a monthly price other than one seat by the bands',
      { monthlyPriceCents: 2000 },
      'monthlyPriceCents',
    ],
    ['an annual price', { annualPriceCents: 70000 }, 'annualPriceCents'],
    ['bands on a PER_SEAT tier', { billingModel: 'PER_SEAT' }, 'priceTiers'],
  ])('createPricingTier rejects %s, writing nothing', async (_, input, field) => {
    await rejects(tier(input), field);
  });

  it('rejects bands on a FLAT tier and an annual price on a banded one on update', async () => {
    await rejects(
      () => op('UpdatePricingTier', { input: { id: flat.id, priceTiers: BANDS } }),
      'priceTiers',
    );
    await rejects(
      () => op('UpdatePricingTier', { input: { id: graduated.id, annualPriceCents: 80000 } }),
      'annualPriceCents',
    );
    await rejects(
      () => op('UpdatePricingTier', { input: { id: graduated.id, monthlyPriceCents: 6999 } }),
      'monthlyPriceCents',
    );
  });

  it('prices seats by Stripe semantics: graduated sums bands, volume prices all seats at one band', async () => {
    const volume = ok(await tier({ name: 'Volume', monthlyPriceCents: 7000 })()).createPricingTier
      .pricingTier;
    const scenario = ok(
      await op('CreatePricingScenario', {
        input: {
          launchId: launch.id,
          name: 'Seats',
          tiers: [
            { tierId: graduated.id, expectedCustomers: 2, seatsPerCustomer: 60 },
            { tierId: volume.id, expectedCustomers: 3, seatsPerCustomer: 60 },
          ],
        },
      }),
    ).createPricingScenario.pricingScenario;
    // Graduated, 60 seats: 10 x 2000 + 5000 + 40 x 1500 + 10 x 1000 = 95,000; x 2 customers.
    // Volume, 60 seats: the unbounded band, 60 x 1000 = 60,000 (its flat is 0); x 3 customers.
    const byName = Object.fromEntries(
      scenario.projection.byTier.map((x: Row) => [x.tierName, x.mrrCents]),
    );
    expect(byName.Scale).toBe(190_000);
    expect(byName.Volume).toBe(180_000);
    expect(volume.stripePrice).toEqual({
      currency: 'usd',
      product_data: { name: 'Volume' },
      recurring: { interval: 'month' },
      billing_scheme: 'tiered',
      tiers_mode: 'volume',
      tiers: [
        { up_to: 10, unit_amount: 2000, flat_amount: 5000 },
        { up_to: 50, unit_amount: 1500, flat_amount: 0 },
        { up_to: 'inf', unit_amount: 1000, flat_amount: 0 },
      ],
    });
  });

  it('rejects a scenario price for a banded tier: its bands are its price', async () => {
    await rejects(
      () =>
        op('CreatePricingScenario', {
          input: {
            launchId: launch.id,
            name: 'Override',
            tiers: [{ tierId: graduated.id, monthlyPriceCents: 100, expectedCustomers: 1 }],
          },
        }),
      'tiers.0.monthlyPriceCents',
    );
  });

  it('moving a tier back to PER_SEAT drops its bands; stripePrice is per_unit again', async () => {
    const banded = ok(await tier({ name: 'Back', billingModel: 'GRADUATED' })()).createPricingTier
      .pricingTier;
    const back = ok(
      await op('UpdatePricingTier', { input: { id: banded.id, billingModel: 'PER_SEAT' } }),
    ).updatePricingTier.pricingTier;
    expect(back).toMatchObject({
      billingModel: 'PER_SEAT',
      priceTiers: null,
      monthlyPriceCents: 7000,
    });
    expect(back.stripePrice).toEqual({
      currency: 'usd',
      product_data: { name: 'Back' },
      recurring: { interval: 'month' },
      billing_scheme: 'per_unit',
      unit_amount: 7000,
    });
  });
});

describe('the new assumptions: bad input on the field, nothing written', () => {
  const create =
    (assumptions: Row, tiers: Row[] = []) =>
    () =>
      op('CreatePricingScenario', {
        input: { launchId: launch.id, name: 'Bad', assumptions, tiers },
      });
  it.each<[string, Row, string]>([
    [
      'rampMonths above horizonMonths',
      { horizonMonths: 6, rampMonths: 7 },
      'assumptions.rampMonths',
    ],
    ['a negative rampMonths', { rampMonths: -1 }, 'assumptions.rampMonths'],
    ['monthlyExpansionRate of 1', { monthlyExpansionRate: 1 }, 'assumptions.monthlyExpansionRate'],
    [
      'a negative monthlyExpansionRate',
      { monthlyExpansionRate: -0.1 },
      'assumptions.monthlyExpansionRate',
    ],
  ])('createPricingScenario rejects %s', async (_, assumptions, field) => {
    await rejects(create(assumptions), field);
  });

  it('rejects a tier churn rate of 1 and a tier annual share above 1', async () => {
    await rejects(
      create({}, [{ tierId: flat.id, expectedCustomers: 1, monthlyChurnRate: 1 }]),
      'tiers.0.monthlyChurnRate',
    );
    await rejects(
      create({}, [{ tierId: flat.id, expectedCustomers: 1, annualPlanShare: 1.01 }]),
      'tiers.0.annualPlanShare',
    );
  });

  it('on update: a null assumption, or a horizon below the kept ramp, is rejected on its field', async () => {
    const s = ok(await create({ horizonMonths: 12, rampMonths: 6 })()).createPricingScenario
      .pricingScenario;
    await rejects(
      () =>
        op('UpdatePricingScenario', { input: { id: s.id, assumptions: { horizonMonths: null } } }),
      'assumptions.horizonMonths',
    );
    await rejects(
      () => op('UpdatePricingScenario', { input: { id: s.id, assumptions: { horizonMonths: 5 } } }),
      'assumptions.horizonMonths',
    );
    await rejects(
      () => op('UpdatePricingScenario', { input: { id: s.id, assumptions: null } }),
      'assumptions',
    );
  });
});

describe('warnings, not errors', () => {
  it('shows an annual price above 12 x monthly, a price below the next lower tier, a churn above 10 %', async () => {
    const l = await buildLaunch(t);
    const create = async (input: Row) =>
      ok(await op('CreatePricingTier', { input: { launchId: l.id, currency: 'USD', ...input } }))
        .createPricingTier.pricingTier;
    const team = await create({
      name: 'Team',
      billingModel: 'PER_SEAT',
      monthlyPriceCents: 1200,
      annualPriceCents: 15000, // above 12 x 1200 = 14,400: accepted, with a warning
    });
    const business = await create({
      name: 'Business',
      billingModel: 'PER_SEAT',
      monthlyPriceCents: 2500,
    });
    ok(
      await op('CreatePricingScenario', {
        input: {
          launchId: l.id,
          name: 'Cheap business',
          assumptions: { monthlyChurnRate: 0.12 },
          tiers: [
            { tierId: team.id, expectedCustomers: 10, annualPriceCents: 14000 },
            {
              tierId: business.id,
              monthlyPriceCents: 1100,
              expectedCustomers: 5,
              monthlyChurnRate: 0.15,
            },
          ],
        },
      }),
    );
    const res = ok(await t.gql(WARNINGS, { id: l.id })).launch;
    expect(res.pricingTiers).toEqual([
      {
        name: 'Team',
        warnings: [
          {
            code: 'ANNUAL_ABOVE_TWELVE_MONTHLY',
            tierId: team.id,
            message: expect.stringContaining(
              '150.00 USD is above 12 x the monthly price (144.00 USD)',
            ),
          },
        ],
      },
      { name: 'Business', warnings: [] },
    ]);
    expect(res.pricingScenarios[0].warnings.map((w: Row) => [w.code, w.tierId])).toEqual([
      ['BELOW_LOWER_TIER', business.id],
      ['HIGH_CHURN', null],
      ['HIGH_CHURN', business.id],
    ]);
    expect(res.pricingScenarios[0].warnings[0].message).toContain('below that of Team');
  });
});
