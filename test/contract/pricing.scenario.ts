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
    priceTiers: null,
    stripePrice: {
      currency: 'usd',
      product_data: { name: 'Free' },
      recurring: { interval: 'month' },
      billing_scheme: 'per_unit',
      unit_amount: 0,
    },
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
    liveDrift: false,
    assumptions: { ...assumptions, rampMonths: 0, monthlyExpansionRate: 0 },
  });
  expect(current.tiers).toEqual([
    {
      tier: { id: free.id, name: 'Free' },
      monthlyPriceCents: 0,
      annualPriceCents: 0,
      expectedCustomers: 1000,
      seatsPerCustomer: 1,
      annualPlanShare: null,
      monthlyChurnRate: null,
    },
    {
      tier: { id: team.id, name: 'Team' },
      monthlyPriceCents: 1200,
      annualPriceCents: 12000,
      expectedCustomers: 200,
      seatsPerCustomer: 5,
      annualPlanShare: null,
      monthlyChurnRate: null,
    },
    {
      tier: { id: business.id, name: 'Business' },
      monthlyPriceCents: 2500,
      annualPriceCents: 25000,
      expectedCustomers: 50,
      seatsPerCustomer: 20,
      annualPlanShare: null,
      monthlyChurnRate: null,
    },
    {
      tier: { id: enterprise.id, name: 'Enterprise' },
      monthlyPriceCents: 150000,
      annualPriceCents: 1800000,
      expectedCustomers: 3,
      seatsPerCustomer: 1,
      annualPlanShare: null,
      monthlyChurnRate: null,
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
  expect(draft.assumptions).toEqual({
    annualPlanShare: 0,
    monthlyChurnRate: 0,
    horizonMonths: 12,
    rampMonths: 0,
    monthlyExpansionRate: 0,
  });
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
    annualPlanShare: null,
    monthlyChurnRate: null,
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
  // Every delta against Current: ARR 12 x 90,400; ARPU 3264 - 3140; customers 1233 - 1253;
  // horizon 43,321,098 - 42,348,018 = 973,080 = +2.2978 % -> 2.30;
  // break-even 100 x (1 - 3,934,167 / 4,024,567) = 2.2462 % -> 2.25.
  expect(compared.rows[0]).toMatchObject({
    arrDeltaCents: 0,
    arpuDeltaCents: 0,
    customerDelta: 0,
    horizonRevenueDeltaCents: 0,
    horizonRevenueDeltaPercent: 0,
    breakEvenCustomerLossPercent: 0,
  });
  expect(compared.rows[1]).toMatchObject({
    arrDeltaCents: 1084800,
    arpuDeltaCents: 124,
    customerDelta: -20,
    horizonRevenueDeltaCents: 973080,
    horizonRevenueDeltaPercent: 2.3,
    breakEvenCustomerLossPercent: 2.25,
  });
  const againstRaise = ok(
    await run('ComparePricingScenarios', { ids: [current.id], baselineId: raise.id }),
  ).comparePricingScenarios;
  expect(againstRaise.rows[0]).toMatchObject({
    mrrDeltaCents: -90400,
    mrrDeltaPercent: -2.25,
    horizonRevenueDeltaPercent: -2.25,
    breakEvenCustomerLossPercent: -2.3,
  });

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

  await workedExample({ t, run } as ContractTools);
}

/**
 * Three tiers, one GRADUATED, with a ramp and expansion (the worked example of
 * issue 13), checked by hand:
 *   Starter  FLAT      2900, no annual price      100 customers          -> 100 x 2900 = 290,000
 *   Team     PER_SEAT  1500 / 15000, own s = 0.2  20 x 5 seats: 0.8 x 1500 + 0.2 x 1250 = 1450 -> 145,000
 *   Scale    GRADUATED [<= 10 seats: 2000 + flat 5000, then 1500], own churn 0.1
 *            one seat: 2000 + 5000 = 7000 (its monthlyPriceCents)
 *            4 customers x 25 seats: 10 x 2000 + 5000 + 15 x 1500 = 47,500 -> 190,000
 * s = 0.5, c = 0.05, H = 4, R = 2, e = 0.1: MRR 625,000, ARR 7,500,000, ARPU round(625,000 / 124) = 5040.
 * Month m (a_0 = 1/2, then 1), Starter + Team 435,000 at (0.95 x 1.1)^m = 1.045^m, Scale 190,000 at 0.99^m:
 *   1: 0.5 x 625,000 = 312,500;                     customers 0.5 x 124 = 62
 *   2: 435,000 x 1.045 + 190,000 x 0.99 = 642,675;   120 x 0.95 + 4 x 0.9 = 117.6 -> 118
 *   3: 475,030.875 + 186,219 = 661,249.875 -> 661,250; 108.3 + 3.24 = 111.54 -> 112
 *   4: 496,407.264375 + 184,356.81 = 680,764.074375 -> 680,764; 102.885 + 2.916 = 105.801 -> 106
 * Horizon = round(2,297,188.949375) = 2,297,189.
 */
async function workedExample({ t, run }: ContractTools): Promise<void> {
  const launch = await buildLaunch(t);
  const tier = async (input: Record<string, unknown>) =>
    ok(
      await run(
        'CreatePricingTier',
        { input: { launchId: launch.id, currency: 'USD', ...input } },
        launch.pm.token,
      ),
    ).createPricingTier.pricingTier;
  const starter = await tier({ name: 'Starter', billingModel: 'FLAT', monthlyPriceCents: 2900 });
  const team = await tier({
    name: 'Team',
    billingModel: 'PER_SEAT',
    monthlyPriceCents: 1500,
    annualPriceCents: 15000,
  });
  const scale = await tier({
    name: 'Scale',
    billingModel: 'GRADUATED',
    monthlyPriceCents: 7000,
    priceTiers: [
      { upTo: 10, unitAmountCents: 2000, flatAmountCents: 5000 },
      { upTo: null, unitAmountCents: 1500 },
    ],
  });
  expect(scale).toMatchObject({
    billingModel: 'GRADUATED',
    annualPriceCents: null,
    priceTiers: [
      { upTo: 10, unitAmountCents: 2000, flatAmountCents: 5000 },
      { upTo: null, unitAmountCents: 1500, flatAmountCents: 0 },
    ],
    stripePrice: {
      currency: 'usd',
      product_data: { name: 'Scale' },
      recurring: { interval: 'month' },
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      tiers: [
        { up_to: 10, unit_amount: 2000, flat_amount: 5000 },
        { up_to: 'inf', unit_amount: 1500, flat_amount: 0 },
      ],
    },
  });
  const volume = ok(
    await run(
      'UpdatePricingTier',
      {
        input: {
          id: scale.id,
          billingModel: 'VOLUME',
          priceTiers: [
            { upTo: 10, unitAmountCents: 2000, flatAmountCents: 5000 },
            { upTo: null, unitAmountCents: 1500 },
          ],
        },
      },
      launch.pm.token,
    ),
  ).updatePricingTier.pricingTier;
  expect(volume.stripePrice).toMatchObject({ billing_scheme: 'tiered', tiers_mode: 'volume' });
  ok(
    await run(
      'UpdatePricingTier',
      { input: { id: scale.id, billingModel: 'GRADUATED' } },
      launch.pm.token,
    ),
  );
  const example = ok(
    await run(
      'CreatePricingScenario',
      {
        input: {
          launchId: launch.id,
          name: 'Worked example',
          assumptions: {
            annualPlanShare: 0.5,
            monthlyChurnRate: 0.05,
            horizonMonths: 4,
            rampMonths: 2,
            monthlyExpansionRate: 0.1,
          },
          tiers: [
            { tierId: starter.id, expectedCustomers: 100 },
            { tierId: team.id, expectedCustomers: 20, seatsPerCustomer: 5, annualPlanShare: 0.2 },
            { tierId: scale.id, expectedCustomers: 4, seatsPerCustomer: 25, monthlyChurnRate: 0.1 },
          ],
        },
      },
      launch.pmm.token,
    ),
  ).createPricingScenario.pricingScenario;
  expect(
    example.tiers.map((x: Record<string, unknown>) => [x.annualPlanShare, x.monthlyChurnRate]),
  ).toEqual([
    [null, null],
    [0.2, null],
    [null, 0.1],
  ]);
  expect(example.projection).toMatchObject({
    customerCount: 124,
    mrrCents: 625000,
    arrCents: 7500000,
    arpuCents: 5040,
    horizonMonths: 4,
    horizonRevenueCents: 2297189,
  });
  const schedule = ok(await run('PricingScenarioSchedule', { id: example.id })).node;
  expect(schedule.projection.monthly).toEqual([
    { month: 1, customerCount: 62, mrrCents: 312500 },
    { month: 2, customerCount: 118, mrrCents: 642675 },
    { month: 3, customerCount: 112, mrrCents: 661250 },
    { month: 4, customerCount: 106, mrrCents: 680764 },
  ]);
  expect(schedule.projection.byTier.map((x: { mrrCents: number }) => x.mrrCents)).toEqual([
    290000, 145000, 190000,
  ]);
}
