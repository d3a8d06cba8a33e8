import { seedDemoData } from '../seeds';
import { DEMO_FRESH_LAUNCH_ID } from '../seeds/demo-launches';
import { globalId } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

const PRICING = `query($id: ID!) { launch(id: $id) {
  pricingTiers { name billingModel currency monthlyPriceCents annualPriceCents position }
  pricingScenarios { id name status appliedAt tiers { tier { name } } projection { currency mrrCents customerCount byTier { tierName } } } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoData(t.app.dataSource);
});
afterAll(() => t.dispose());

async function counts() {
  const [row] =
    await t.sql(`SELECT (SELECT count(*)::int FROM pricing_tiers) AS tiers, (SELECT count(*)::int FROM pricing_scenarios) AS scenarios,
    (SELECT count(*)::int FROM pricing_scenario_tiers) AS lines`);
  return row;
}

describe('demo pricing', () => {
  it('gives the fresh TIER_1 launch Free, Team, Business and Enterprise in USD and three scenarios, one APPLIED', async () => {
    const res = await t.gql(PRICING, { id: globalId('Launch', DEMO_FRESH_LAUNCH_ID) });
    expect(res.errors).toBeUndefined();
    const launch = res.data!.launch;
    expect(launch.pricingTiers.map((x: { name: string }) => x.name)).toEqual([
      'Free',
      'Team',
      'Business',
      'Enterprise',
    ]);
    expect(
      new Set(launch.pricingTiers.map((x: { billingModel: string }) => x.billingModel)),
    ).toEqual(new Set(['FLAT', 'PER_SEAT']));
    expect(new Set(launch.pricingTiers.map((x: { currency: string }) => x.currency))).toEqual(
      new Set(['USD']),
    );
    expect(
      launch.pricingScenarios.map((x: { name: string; status: string }) => [x.name, x.status]),
    ).toEqual([
      ['Current', 'APPLIED'],
      ['Raise Team 20 %', 'DRAFT'],
      ['Annual push', 'DRAFT'],
    ]);
    for (const s of launch.pricingScenarios) {
      expect(s.tiers).toHaveLength(4);
      expect(s.projection).toMatchObject({ currency: 'USD', customerCount: expect.any(Number) });
      expect(s.projection.mrrCents).toBeGreaterThan(0);
    }
    const compared = await t.gql(
      `query($ids: [ID!]!) { comparePricingScenarios(ids: $ids) { rows { mrrDeltaPercent } } }`,
      {
        ids: launch.pricingScenarios.map((s: { id: string }) => s.id),
      },
    );
    expect(compared.errors).toBeUndefined();
    expect(compared.data!.comparePricingScenarios.rows[0].mrrDeltaPercent).toBe(0);
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await counts();
    expect(before.tiers).toBeGreaterThanOrEqual(8);
    await seedDemoData(t.app.dataSource);
    expect(await counts()).toEqual(before);
  });
});
