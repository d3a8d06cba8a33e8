import { ok, type ContractTools } from '../support/contract';
import { buildLaunch } from '../support/factories';

/**
 * Runs every operation of pricing.graphql with real variables and checks the
 * answers. The expected projections are worked out by hand:
 * s = 0.35, c = 0.02, H = 12; per-customer monthly = 0.65 x monthly + 0.35 x annual / 12.
 *   Free       FLAT       0              1000 customers          -> 0
 *   Team       PER_SEAT   1200 / 12000   200 x 5 seats:  1130 x 1000   = 1,130,000
 *   Business   PER_SEAT   2500 / 25000   50 x 20 seats:  2354.1666... x 1000 -> 2,354,167
 *   Enterprise FLAT       150000 / (12 x 150000)   3:    150000 x 3    = 450,000
 * MRR 3,934,167; ARR 47,210,004; ARPU round(3,934,167 / 1253) = 3140;
 * horizon round(3,934,167 x (1 - 0.98^12) / 0.02) = 42,348,018.
 * With Team at 1440 / 14400 and 180 customers: Team 1,220,400, MRR 4,024,567,
 * ARR 48,294,804, ARPU 3264, horizon 43,321,098; delta 90,400 = +2.30 %.
 */
export async function pricingScenario({ t, run }: ContractTools): Promise<void> {
  const launch = await buildLaunch(t, { tier: 'TIER_2' });
  const tier = async (input: Record<string, unknown>) =>
    ok(
      await run('CreatePricingTier', { input: { launchId: launch.id, ...input } }, launch.pm.token),
    ).createPricingTier.pricingTier;
  const free = await tier({
    name: 'Free',
    billingModel: 'FLAT',
    currency: 'usd',
    monthlyPriceCents: 0,
    features: ['3 automations'],
  });
  expect(free).toEqual({
    id: expect.any(String),
    name: 'Free',
    description: null,
    billingModel: 'FLAT',
    currency: 'USD',
    monthlyPriceCents: 0,
    annualPriceCents: null,
    features: ['3 automations'],
    position: 0,
    version: 1,
  });
  const team = await tier({
    name: 'Team',
    billingModel: 'PER_SEAT',
    currency: 'USD',
    monthlyPriceCents: 1200,
    annualPriceCents: 12000,
  });
  const business = await tier({
    name: 'Business',
    billingModel: 'PER_SEAT',
    currency: 'USD',
    monthlyPriceCents: 2500,
  });
  const enterprise = await tier({
    name: 'Enterprise',
    description: 'With a contract',
    billingModel: 'FLAT',
    currency: 'USD',
    monthlyPriceCents: 150000,
  });
  const legacy = await tier({
    name: 'Legacy',
    billingModel: 'FLAT',
    currency: 'USD',
    monthlyPriceCents: 900,
    position: 9,
  });
  expect([team.position, business.position, enterprise.position, legacy.position]).toEqual([
    1, 2, 3, 9,
  ]);

  const updated = ok(
    await run(
      'UpdatePricingTier',
      { input: { id: business.id, expectedVersion: 1, annualPriceCents: 25000 } },
      launch.pmm.token,
    ),
  ).updatePricingTier.pricingTier;
  expect(updated).toMatchObject({
    id: business.id,
    annualPriceCents: 25000,
    monthlyPriceCents: 2500,
    version: 2,
  });
  expect(
    ok(await run('DeletePricingTier', { input: { id: legacy.id } }, launch.pm.token))
      .deletePricingTier,
  ).toEqual({ deletedPricingTierId: legacy.id });

  const assumptions = { annualPlanShare: 0.35, monthlyChurnRate: 0.02, horizonMonths: 12 };
  const lines = [
    { tierId: free.id, expectedCustomers: 1000 },
    { tierId: team.id, expectedCustomers: 200, seatsPerCustomer: 5 },
    { tierId: business.id, expectedCustomers: 50, seatsPerCustomer: 20 },
    { tierId: enterprise.id, expectedCustomers: 3 },
  ];
  const current = ok(
    await run(
      'CreatePricingScenario',
      { input: { launchId: launch.id, name: 'Current', assumptions, tiers: lines } },
      launch.pmm.token,
    ),
  ).createPricingScenario.pricingScenario;
  expect(current).toMatchObject({
    name: 'Current',
    notes: null,
    status: 'DRAFT',
    version: 1,
    appliedAt: null,
    assumptions,
  });
  expect(current.tiers).toEqual([
    {
      tier: { id: free.id, name: 'Free' },
      monthlyPriceCents: 0,
      annualPriceCents: 0,
      expectedCustomers: 1000,
      seatsPerCustomer: 1,
    },
    {
      tier: { id: team.id, name: 'Team' },
      monthlyPriceCents: 1200,
      annualPriceCents: 12000,
      expectedCustomers: 200,
      seatsPerCustomer: 5,
    },
    {
      tier: { id: business.id, name: 'Business' },
      monthlyPriceCents: 2500,
      annualPriceCents: 25000,
      expectedCustomers: 50,
      seatsPerCustomer: 20,
    },
    {
      tier: { id: enterprise.id, name: 'Enterprise' },
      monthlyPriceCents: 150000,
      annualPriceCents: 1800000,
      expectedCustomers: 3,
      seatsPerCustomer: 1,
    },
  ]);
  expect(current.projection).toEqual({
    currency: 'USD',
    customerCount: 1253,
    mrrCents: 3934167,
    arrCents: 47210004,
    arpuCents: 3140,
    horizonMonths: 12,
    horizonRevenueCents: 42348018,
    byTier: [
      { tierId: free.id, tierName: 'Free', customerCount: 1000, mrrCents: 0 },
      { tierId: team.id, tierName: 'Team', customerCount: 200, mrrCents: 1130000 },
      { tierId: business.id, tierName: 'Business', customerCount: 50, mrrCents: 2354167 },
      { tierId: enterprise.id, tierName: 'Enterprise', customerCount: 3, mrrCents: 450000 },
    ],
  });

  const draft = ok(
    await run(
      'CreatePricingScenario',
      { input: { launchId: launch.id, name: 'Draft', tiers: [] } },
      launch.pm.token,
    ),
  ).createPricingScenario.pricingScenario;
  expect(draft.projection).toMatchObject({
    customerCount: 0,
    mrrCents: 0,
    arpuCents: 0,
    horizonMonths: 12,
  });
  expect(draft.assumptions).toEqual({ annualPlanShare: 0, monthlyChurnRate: 0, horizonMonths: 12 });
  const raiseLines = lines.map((l) =>
    l.tierId === team.id
      ? { ...l, monthlyPriceCents: 1440, annualPriceCents: 14400, expectedCustomers: 180 }
      : l,
  );
  const raise = ok(
    await run(
      'UpdatePricingScenario',
      {
        input: {
          id: draft.id,
          expectedVersion: 1,
          name: 'Raise Team 20 %',
          notes: 'Team to $14.40',
          assumptions,
          tiers: raiseLines,
        },
      },
      launch.pmm.token,
    ),
  ).updatePricingScenario.pricingScenario;
  expect(raise).toMatchObject({
    id: draft.id,
    name: 'Raise Team 20 %',
    notes: 'Team to $14.40',
    version: 2,
    status: 'DRAFT',
  });
  expect(raise.tiers[1]).toEqual({
    tier: { id: team.id, name: 'Team' },
    monthlyPriceCents: 1440,
    annualPriceCents: 14400,
    expectedCustomers: 180,
    seatsPerCustomer: 5,
  });
  expect(raise.projection).toMatchObject({
    customerCount: 1233,
    mrrCents: 4024567,
    arrCents: 48294804,
    arpuCents: 3264,
    horizonRevenueCents: 43321098,
  });

  const pricing = ok(await run('LaunchPricing', { launchId: launch.id })).launch;
  expect(pricing.pricingTiers.map((p: { name: string }) => p.name)).toEqual([
    'Free',
    'Team',
    'Business',
    'Enterprise',
  ]);
  expect(pricing.pricingScenarios.map((s: { id: string }) => s.id)).toEqual([current.id, raise.id]);
  expect(pricing.pricingScenarios[1]).toEqual(raise);

  const compared = ok(
    await run('ComparePricingScenarios', { ids: [current.id, raise.id] }),
  ).comparePricingScenarios;
  expect(compared.baseline).toEqual({ id: current.id, name: 'Current' });
  expect(
    compared.rows.map(
      (r: { scenario: unknown; mrrDeltaCents: number; mrrDeltaPercent: number }) => [
        r.scenario,
        r.mrrDeltaCents,
        r.mrrDeltaPercent,
      ],
    ),
  ).toEqual([
    [{ id: current.id, name: 'Current' }, 0, 0],
    [{ id: raise.id, name: 'Raise Team 20 %' }, 90400, 2.3],
  ]);
  expect(compared.rows[1].projection).toEqual(raise.projection);
  const againstRaise = ok(
    await run('ComparePricingScenarios', { ids: [current.id], baselineId: raise.id }),
  ).comparePricingScenarios;
  expect(againstRaise.rows[0]).toMatchObject({ mrrDeltaCents: -90400, mrrDeltaPercent: -2.25 });

  const applied = ok(
    await run(
      'ApplyPricingScenario',
      { input: { id: raise.id, expectedVersion: 2 } },
      launch.pmm.token,
    ),
  ).applyPricingScenario;
  expect(applied.pricingScenario).toEqual({
    id: raise.id,
    status: 'APPLIED',
    appliedAt: expect.any(String),
  });
  expect(applied.launch.id).toBe(launch.id);
  expect(
    applied.launch.pricingTiers.map(
      (p: {
        name: string;
        monthlyPriceCents: number;
        annualPriceCents: number | null;
        version: number;
      }) => [p.name, p.monthlyPriceCents, p.annualPriceCents, p.version],
    ),
  ).toEqual([
    ['Free', 0, null, 1],
    ['Team', 1440, 14400, 2],
    ['Business', 2500, 25000, 2],
    ['Enterprise', 150000, null, 1],
  ]);
}
