import { FrozenPricing1764213000000 } from '../migrations/1764213000000-frozen-pricing';
import { createAppDataSource } from '../src/modules';
import { buildLaunch, type TestLaunch } from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

// The three surprises of issue 13, as a PMM met them through the API.
type Row = Record<string, any>;

const TIER = `mutation($input: CreatePricingTierInput!) { createPricingTier(input: $input) { pricingTier { id } } }`;
const UPDATE_TIER = `mutation($input: UpdatePricingTierInput!) { updatePricingTier(input: $input) { pricingTier { id monthlyPriceCents } } }`;
const SCENARIO_FIELDS = `id name status version liveDrift
  assumptions { annualPlanShare monthlyChurnRate horizonMonths }
  tiers { tier { id name } monthlyPriceCents annualPriceCents expectedCustomers seatsPerCustomer }
  projection { mrrCents arrCents horizonRevenueCents byTier { tierName mrrCents } }`;
const CREATE = `mutation($input: CreatePricingScenarioInput!) { createPricingScenario(input: $input) { pricingScenario { ${SCENARIO_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdatePricingScenarioInput!) { updatePricingScenario(input: $input) { pricingScenario { ${SCENARIO_FIELDS} } } }`;
const APPLY = `mutation($input: ApplyPricingScenarioInput!) { applyPricingScenario(input: $input) { pricingScenario { id status } launch { pricingTiers { name monthlyPriceCents annualPriceCents version } } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on PricingScenario { ${SCENARIO_FIELDS} } } }`;
const ACTIVITY = `query($id: ID!) { launch(id: $id) { activity(first: 100) { edges { node { type summary } } } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

function ok(res: GraphQLResponse<Row>): Row {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

interface Plan {
  launch: TestLaunch;
  team: string;
  business: string;
}

/** Team $49/seat and Business $89/seat, both without an annual price. */
async function plan(): Promise<Plan> {
  const launch = await buildLaunch(t);
  const tier = async (name: string, monthlyPriceCents: number) =>
    ok(
      await t.gql(
        TIER,
        {
          input: {
            launchId: launch.id,
            name,
            billingModel: 'PER_SEAT',
            currency: 'USD',
            monthlyPriceCents,
          },
        },
        launch.pm.token,
      ),
    ).createPricingTier.pricingTier.id as string;
  return { launch, team: await tier('Team', 4900), business: await tier('Business', 8900) };
}

async function create(p: Plan, name: string, businessPrice?: number): Promise<Row> {
  const res = await t.gql(
    CREATE,
    {
      input: {
        launchId: p.launch.id,
        name,
        assumptions: { annualPlanShare: 0.35, monthlyChurnRate: 0.02, horizonMonths: 24 },
        tiers: [
          { tierId: p.team, expectedCustomers: 1000, seatsPerCustomer: 10 },
          {
            tierId: p.business,
            monthlyPriceCents: businessPrice,
            expectedCustomers: 300,
            seatsPerCustomer: 20,
          },
        ],
      },
    },
    p.launch.pmm.token,
  );
  return ok(res).createPricingScenario.pricingScenario;
}

const read = async (id: string) => ok(await t.gql(READ, { id })).node;
const apply = async (p: Plan, id: string) =>
  ok(await t.gql(APPLY, { input: { id } }, p.launch.pmm.token)).applyPricingScenario;

describe('a saved scenario is a frozen record', () => {
  it('keeps its projection after another scenario is applied', async () => {
    const p = await plan();
    const a = await create(p, 'A: live Business');
    const b = await create(p, 'B: Business $99', 9900);
    // Team 1000 x 10 x 4900 = 49,000,000; Business 300 x 20 x 8900 = 53,400,000 (no annual price:
    // 12 x monthly, so the annual share changes nothing). MRR 102,400,000.
    expect(a.projection.mrrCents).toBe(102_400_000);
    expect(b.projection.mrrCents).toBe(108_400_000);
    await apply(p, b.id);
    const after = await read(a.id);
    expect(after.projection).toEqual(a.projection);
    expect(after.tiers).toEqual(a.tiers);
    expect(after.tiers[1].monthlyPriceCents).toBe(8900);
  });

  it('rolls live prices back when an older scenario is applied again', async () => {
    const p = await plan();
    const a = await create(p, 'A: live Business');
    const b = await create(p, 'B: Business $99', 9900);
    await apply(p, a.id);
    await apply(p, b.id);
    const again = await apply(p, a.id);
    expect(again.pricingScenario.status).toBe('APPLIED');
    expect(
      again.launch.pricingTiers.map((x: Row) => [x.name, x.monthlyPriceCents, x.annualPriceCents]),
    ).toEqual([
      ['Team', 4900, null],
      ['Business', 8900, null],
    ]);
    const summaries = ok(await t.gql(ACTIVITY, { id: p.launch.id }))
      .launch.activity.edges.map((e: Row) => e.node)
      .filter((n: Row) => n.type === 'PRICING_SCENARIO_APPLIED')
      .map((n: Row) => n.summary);
    expect(summaries.at(-1)).toMatch(/1 tier repriced/);
  });
});

describe('a one-field edit keeps the other fields', () => {
  it('changes only the churn rate when only the churn rate is sent', async () => {
    const p = await plan();
    const a = await create(p, 'A');
    const res = await t.gql(
      UPDATE,
      { input: { id: a.id, assumptions: { monthlyChurnRate: 0.03 } } },
      p.launch.pmm.token,
    );
    const updated = ok(res).updatePricingScenario.pricingScenario;
    expect(updated.assumptions).toEqual({
      annualPlanShare: 0.35,
      monthlyChurnRate: 0.03,
      horizonMonths: 24,
    });
    expect(updated.tiers).toEqual(a.tiers);
    expect(updated.projection.mrrCents).toBe(a.projection.mrrCents);
  });
});

describe('liveDrift', () => {
  it('says when live prices moved from those pinned, by value, and is false after an edit or apply', async () => {
    const p = await plan();
    const a = await create(p, 'A');
    expect(a.liveDrift).toBe(false);
    const setBusiness = async (monthlyPriceCents: number) =>
      ok(
        await t.gql(
          UPDATE_TIER,
          { input: { id: p.business, monthlyPriceCents } },
          p.launch.pm.token,
        ),
      );
    await setBusiness(9900);
    expect((await read(a.id)).liveDrift).toBe(true);
    await setBusiness(8900); // reverted: no drift
    expect((await read(a.id)).liveDrift).toBe(false);
    await setBusiness(9900);
    // An edit pins today's live prices: Business now 9900 in A.
    const edited = ok(
      await t.gql(UPDATE, { input: { id: a.id, notes: 'pinned again' } }, p.launch.pmm.token),
    ).updatePricingScenario.pricingScenario;
    expect(edited.liveDrift).toBe(false);
    expect(edited.tiers[1].monthlyPriceCents).toBe(9900);
    expect(edited.projection.mrrCents).toBe(108_400_000);
    // A tier added since the last pin is drift too; applying pins it (with 0 customers).
    ok(
      await t.gql(
        TIER,
        {
          input: {
            launchId: p.launch.id,
            name: 'Enterprise',
            billingModel: 'FLAT',
            currency: 'USD',
            monthlyPriceCents: 150_000,
          },
        },
        p.launch.pm.token,
      ),
    );
    expect((await read(a.id)).liveDrift).toBe(true);
    await apply(p, a.id);
    const applied = await read(a.id);
    expect(applied.liveDrift).toBe(false);
    expect(applied.projection.mrrCents).toBe(108_400_000);
    expect(applied.projection.byTier.map((x: Row) => x.tierName)).toEqual([
      'Team',
      'Business',
      'Enterprise',
    ]);
  });
});

describe('the frozen-pricing migration', () => {
  it('pins existing scenarios at the live prices of the day it runs', async () => {
    const p = await plan();
    const a = await create(p, 'Before the migration');
    // Take this test database back to before the migration, as if A had been saved then...
    const ds = createAppDataSource({ url: t.databaseUrl, poolSize: 1 });
    await ds.initialize();
    const runner = ds.createQueryRunner();
    try {
      const migration = new FrozenPricing1764213000000();
      await runner.startTransaction();
      await migration.down(runner);
      // ...with only the Business line, and a live Business price that moved since.
      await runner.query('DELETE FROM pricing_scenario_tiers WHERE tier_id = $1', [
        Buffer.from(p.team, 'base64url').toString().split(':')[1],
      ]);
      await runner.query('UPDATE pricing_tiers SET monthly_price_cents = 9500 WHERE id = $1', [
        Buffer.from(p.business, 'base64url').toString().split(':')[1],
      ]);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
      await ds.destroy();
    }
    const after = await read(a.id);
    expect(after.liveDrift).toBe(false);
    expect(after.tiers.map((x: Row) => [x.tier.name, x.monthlyPriceCents])).toEqual([
      ['Business', 9500],
    ]);
    // Team pinned with 0 customers; Business 300 x 20 x 9500.
    expect(after.projection.byTier).toEqual([
      { tierName: 'Team', mrrCents: 0 },
      { tierName: 'Business', mrrCents: 57_000_000 },
    ]);
    const rows = await t.sql(
      'SELECT listed, expected_customers, live_monthly_price_cents FROM pricing_scenario_tiers WHERE scenario_id = $1 ORDER BY listed',
      [Buffer.from(a.id, 'base64url').toString().split(':')[1]],
    );
    expect(rows).toEqual([
      { listed: false, expected_customers: 0, live_monthly_price_cents: 4900 },
      { listed: true, expected_customers: 300, live_monthly_price_cents: 9500 },
    ]);
  });
});
