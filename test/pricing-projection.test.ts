import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { BillingModel } from '../src/modules/pricing/pricing.enums';
import {
  breakEvenCustomerLossPercent,
  effectiveLines,
  monthlySchedule,
  mrrDeltaPercent,
  projectRevenue,
  ProjectionRangeError,
  type LiveTier,
  type PriceBand,
  type ProjectionValues,
  type ScenarioLine,
} from '../src/modules/pricing/projection.rules';
import { buildLaunch } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

// ---------------------------------------------------------------------------
// An independent reference: bigint rationals, written from DESIGN.md alone.
// ---------------------------------------------------------------------------

interface Rational {
  n: bigint;
  d: bigint;
}

/** "0.35", "1e-7", "1.2345e-12" as an exact fraction over a power of ten. */
function parseDecimal(text: string): Rational {
  const [mantissa, exponent = '0'] = text.toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  let n = BigInt(whole + fraction);
  let d = 10n ** BigInt(fraction.length);
  const e = Number(exponent);
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return { n, d };
}

/** round(n / d) half away from zero, d > 0. */
function roundHalfAway(n: bigint, d: bigint): bigint {
  if (n < 0n) return -roundHalfAway(-n, d);
  return (2n * n + d) / (2n * d);
}

interface Reference {
  customerCount: bigint;
  mrrCents: bigint;
  arrCents: bigint;
  arpuCents: bigint;
  horizonRevenueCents: bigint;
  byTier: Array<{ tierId: string; tierName: string; customerCount: bigint; mrrCents: bigint }>;
  monthly: Array<{ month: number; customerCount: bigint; mrrCents: bigint }>;
}

interface RefAssumptions {
  share: string;
  churn: string;
  horizon: number;
  ramp: number;
  expansion: string;
}

/** DESIGN.md: the price of q seats by the bands (GRADUATED: each band's share plus the flat of every band reached; VOLUME: all q at q's band plus its flat). */
function referenceBandPrice(model: BillingModel, bands: readonly PriceBand[], q: bigint): bigint {
  if (model === BillingModel.VOLUME) {
    const band = bands.find((b) => b.upTo === null || q <= BigInt(b.upTo))!;
    return q * BigInt(band.unitAmountCents) + BigInt(band.flatAmountCents);
  }
  let total = 0n;
  let from = 0n; // seats below this band
  for (const b of bands) {
    const to = b.upTo === null ? q : BigInt(b.upTo) < q ? BigInt(b.upTo) : q;
    if (to <= from) break;
    total += (to - from) * BigInt(b.unitAmountCents) + BigInt(b.flatAmountCents);
    from = to;
  }
  return total;
}

function referenceProjection(
  tiers: LiveTier[],
  lines: ScenarioLine[],
  { share, churn, horizon, ramp, expansion }: RefAssumptions,
): Reference {
  const tierRows = tiers.map((tier) => {
    const line = lines.find((l) => l.tierId === tier.id);
    const customers = BigInt(line?.expectedCustomers ?? 0);
    const seats = BigInt(line?.seatsPerCustomer ?? 1);
    const c = line?.monthlyChurnRate ?? churn;
    let mrr: bigint;
    if (tier.billingModel === BillingModel.GRADUATED || tier.billingModel === BillingModel.VOLUME) {
      mrr = customers * referenceBandPrice(tier.billingModel, tier.priceTiers!, seats);
    } else {
      const s = parseDecimal(line?.annualPlanShare ?? share);
      const monthly = BigInt(line?.monthlyPriceCents ?? tier.monthlyPriceCents);
      const annual =
        line?.annualPriceCents != null
          ? BigInt(line.annualPriceCents)
          : tier.annualPriceCents != null
            ? BigInt(tier.annualPriceCents)
            : 12n * monthly;
      const units = tier.billingModel === BillingModel.PER_SEAT ? seats : 1n;
      // (1 - s) x monthly + s x annual / 12  =  ((d - n) x 12 x monthly + n x annual) / (12 d)
      const perCustomer12d = (s.d - s.n) * 12n * monthly + s.n * annual;
      mrr = roundHalfAway(customers * units * perCustomer12d, 12n * s.d);
    }
    return { tier, customers, mrr, churn: parseDecimal(c) };
  });
  const mrr = tierRows.reduce((sum, t) => sum + t.mrr, 0n);
  const customers = tierRows.reduce((sum, t) => sum + t.customers, 0n);
  // Every rate is a decimal: over one power of ten 10^P, (1 - c_t) = (T - N_t) / T and
  // (1 + e) = (T + E) / T with T = 10^P. Month m: R x a_m = min(R, m + 1) (R = 0: a_m = 1, scale 1).
  const e = parseDecimal(expansion);
  const P = [e, ...tierRows.map((t) => t.churn)].reduce((max, r) => (r.d > max ? r.d : max), 1n);
  const scaled = (r: Rational) => (r.n * P) / r.d;
  const E = scaled(e);
  const scale = BigInt(Math.max(1, ramp));
  const monthly: Reference['monthly'] = [];
  // Horizon numerator over the common denominator T^(2(H-1)) x scale (Horner: acc x T^2 + month).
  let horizonNumerator = 0n;
  const grow = P + E;
  const powers = tierRows.map(() => ({ keep: 1n, grow: 1n })); // (T - N_t)^m and (T + E)^m
  let tm = 1n; // T^m
  for (let m = 0; m < horizon; m += 1) {
    const active = BigInt(ramp > 0 ? Math.min(ramp, m + 1) : 1);
    let revenue = 0n; // over T^(2m) x scale
    let people = 0n; // over T^m x scale
    tierRows.forEach((t, i) => {
      revenue += t.mrr * active * powers[i].keep * powers[i].grow;
      people += t.customers * active * powers[i].keep;
      powers[i].keep *= P - scaled(t.churn);
      powers[i].grow *= grow;
    });
    monthly.push({
      month: m + 1,
      customerCount: roundHalfAway(people, tm * scale),
      mrrCents: roundHalfAway(revenue, tm * tm * scale),
    });
    horizonNumerator = horizonNumerator * P * P + revenue;
    tm *= P;
  }
  return {
    customerCount: customers,
    mrrCents: mrr,
    arrCents: 12n * mrr,
    arpuCents: customers === 0n ? 0n : roundHalfAway(mrr, customers),
    horizonRevenueCents: roundHalfAway(horizonNumerator, P ** BigInt(2 * (horizon - 1)) * scale),
    byTier: tierRows.map((t) => ({
      tierId: t.tier.id,
      tierName: t.tier.name,
      customerCount: t.customers,
      mrrCents: t.mrr,
    })),
    monthly,
  };
}

/** 100 x part / whole to two decimals, half away from zero, as a Number; null when whole is 0. */
function referenceHundredths(part: bigint, whole: bigint): number | null {
  if (whole === 0n) return null;
  const hundredths = roundHalfAway(10_000n * part, whole);
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return Number(
    `${hundredths < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`,
  );
}

const referencePercent = (row: number, baseline: number) =>
  referenceHundredths(BigInt(row) - BigInt(baseline), BigInt(baseline));
/** DESIGN.md: 100 x (1 - baseline / row) = 100 x (row - baseline) / row. */
const referenceBreakEven = (row: number, baseline: number) =>
  referenceHundredths(BigInt(row) - BigInt(baseline), BigInt(row));

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
function fitsSafeInt(r: Reference): boolean {
  return [
    r.customerCount,
    r.mrrCents,
    r.arrCents,
    r.arpuCents,
    r.horizonRevenueCents,
    ...r.byTier.map((t) => t.mrrCents),
  ].every((v) => v <= SAFE);
}

function asNumbers(r: Reference, horizonMonths: number): ProjectionValues {
  return {
    customerCount: Number(r.customerCount),
    mrrCents: Number(r.mrrCents),
    arrCents: Number(r.arrCents),
    arpuCents: Number(r.arpuCents),
    horizonMonths,
    horizonRevenueCents: Number(r.horizonRevenueCents),
    byTier: r.byTier.map((t) => ({
      ...t,
      customerCount: Number(t.customerCount),
      mrrCents: Number(t.mrrCents),
    })),
  };
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/** Mostly everyday values, sometimes the extremes (which may overflow SafeInt: then a ProjectionRangeError is expected). */
const mostly = (everyday: fc.Arbitrary<number>, extreme: fc.Arbitrary<number>) =>
  fc.oneof({ arbitrary: everyday, weight: 4 }, { arbitrary: extreme, weight: 1 });
const price = mostly(
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 0, max: 1_000_000_000 }),
);
const rate = (maxExcluded: boolean) =>
  fc.oneof(
    fc.constantFrom(0, 0.02, 0.1, 0.3, 0.35, 0.5, ...(maxExcluded ? [0.999] : [1])),
    fc.integer({ min: 0, max: 9_999 }).map((n) => n / 10_000),
    fc.double({ min: 1e-12, max: 1, maxExcluded, noNaN: true }),
  );
/** Expansion: mostly none or small (large rates over long horizons leave SafeInt). */
const expansionRate = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.constantFrom(0.01, 0.02, 0.05), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 999 }).map((n) => n / 10_000), weight: 2 },
  { arbitrary: rate(true), weight: 1 },
);
/** 1 to 4 bands in rising upTo, the last unbounded. */
const bandsArb = fc
  .array(
    fc.record({
      step: fc.integer({ min: 1, max: 50 }),
      unitAmountCents: price,
      flatAmountCents: fc.oneof(fc.constant(0), price),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((raw) => {
    let upTo = 0;
    return raw.map((b, i): PriceBand => {
      upTo += b.step;
      return {
        upTo: i === raw.length - 1 ? null : upTo,
        unitAmountCents: b.unitAmountCents,
        flatAmountCents: b.flatAmountCents,
      };
    });
  });
const lineArb = fc.record({
  monthlyPriceCents: fc.option(price, { nil: null }),
  annualPriceCents: fc.option(price, { nil: null }),
  expectedCustomers: mostly(
    fc.integer({ min: 0, max: 2_000 }),
    fc.integer({ min: 0, max: 2_147_483_647 }),
  ),
  seatsPerCustomer: mostly(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 })),
  annualPlanShare: fc.option(rate(false), { nil: null }),
  monthlyChurnRate: fc.option(rate(true), { nil: null }),
});
const tierArb = fc.record({
  billingModel: fc.constantFrom(
    BillingModel.FLAT,
    BillingModel.PER_SEAT,
    BillingModel.GRADUATED,
    BillingModel.VOLUME,
  ),
  monthlyPriceCents: price,
  annualPriceCents: fc.option(price, { nil: null }),
  bands: bandsArb,
  line: fc.option(lineArb, { nil: null }),
});
const caseArb = fc
  .record({
    tiers: fc.array(tierArb, { maxLength: 6 }),
    share: rate(false),
    churn: rate(true),
    horizon: fc.integer({ min: 1, max: 120 }),
    ramp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
    expansion: expansionRate,
  })
  .map((c) => ({ ...c, ramp: Math.min(c.ramp, c.horizon) }));

type GeneratedTier = typeof tierArb extends fc.Arbitrary<infer T> ? T : never;

/** A generated case as the arithmetic's inputs: banded tiers carry bands, their price is one seat's, no overrides. */
function inputsOf(tiers: GeneratedTier[]) {
  const live: LiveTier[] = tiers.map((t, i) => {
    const banded =
      t.billingModel === BillingModel.GRADUATED || t.billingModel === BillingModel.VOLUME;
    return {
      id: `t${i}`,
      name: `Tier ${i}`,
      billingModel: t.billingModel,
      monthlyPriceCents: banded
        ? Number(referenceBandPrice(t.billingModel, t.bands, 1n))
        : t.monthlyPriceCents,
      annualPriceCents: banded ? null : t.annualPriceCents,
      priceTiers: banded ? t.bands : null,
    };
  });
  const lines: ScenarioLine[] = tiers.flatMap((t, i) => {
    if (!t.line) return [];
    const banded = live[i].priceTiers !== null;
    return [
      {
        tierId: `t${i}`,
        ...t.line,
        monthlyPriceCents: banded ? null : t.line.monthlyPriceCents,
        annualPriceCents: banded ? null : t.line.annualPriceCents,
        // Floats are taken as their shortest decimal string, in the reference as in the code.
        annualPlanShare: t.line.annualPlanShare === null ? null : String(t.line.annualPlanShare),
        monthlyChurnRate: t.line.monthlyChurnRate === null ? null : String(t.line.monthlyChurnRate),
      },
    ];
  });
  return { live, lines };
}

describe('projection arithmetic', () => {
  it('matches a bigint-rational reference on every field and every month (1,000 random scenarios)', () => {
    let inRange = 0;
    let withNewRules = 0;
    fc.assert(
      fc.property(caseArb, ({ tiers, share, churn, horizon, ramp, expansion }) => {
        const { live, lines } = inputsOf(tiers);
        const assumptions = {
          annualPlanShare: String(share),
          monthlyChurnRate: String(churn),
          horizonMonths: horizon,
          rampMonths: ramp,
          monthlyExpansionRate: String(expansion),
        };
        const expected = referenceProjection(live, lines, {
          share: assumptions.annualPlanShare,
          churn: assumptions.monthlyChurnRate,
          horizon,
          ramp,
          expansion: assumptions.monthlyExpansionRate,
        });
        const run = () => projectRevenue(effectiveLines(live, lines), assumptions);
        if (!fitsSafeInt(expected)) {
          expect(run).toThrow(ProjectionRangeError);
          return;
        }
        inRange += 1;
        if (
          ramp > 0 ||
          expansion > 0 ||
          live.some((t) => t.priceTiers) ||
          lines.some((l) => l.annualPlanShare !== null || l.monthlyChurnRate !== null)
        )
          withNewRules += 1;
        expect(run()).toEqual(asNumbers(expected, horizon));
        expect(monthlySchedule(effectiveLines(live, lines), assumptions)).toEqual(
          expected.monthly.map((m) => ({
            month: m.month,
            customerCount: Number(m.customerCount),
            mrrCents: Number(m.mrrCents),
          })),
        );
      }),
      // A failure shrinks within jest's budget instead of hanging the run.
      { numRuns: 1000, interruptAfterTimeLimit: 75_000, markInterruptAsFailure: true },
    );
    expect(inRange).toBeGreaterThan(500);
    expect(withNewRules).toBeGreaterThan(300);
  }, 90_000);

  it('gives the old answer when none of the new assumptions is used (R = 0, e = 0, one churn rate)', () => {
    fc.assert(
      fc.property(caseArb, ({ tiers, share, churn, horizon }) => {
        const flatOnly = tiers.map((t) => ({
          ...t,
          billingModel:
            t.billingModel === BillingModel.VOLUME ? BillingModel.FLAT : BillingModel.PER_SEAT,
          line: t.line && { ...t.line, annualPlanShare: null, monthlyChurnRate: null },
        }));
        const { live, lines } = inputsOf(flatOnly);
        const old = {
          annualPlanShare: String(share),
          monthlyChurnRate: String(churn),
          horizonMonths: horizon,
        };
        const expected = referenceProjection(live, lines, {
          share: old.annualPlanShare,
          churn: old.monthlyChurnRate,
          horizon,
          ramp: 0,
          expansion: '0',
        });
        if (!fitsSafeInt(expected)) return;
        // The old rule: round(sum over m of MRR x (1 - c)^m).
        const c = parseDecimal(old.monthlyChurnRate);
        let numerator = 0n;
        for (let m = 0; m < horizon; m += 1)
          numerator += (c.d - c.n) ** BigInt(m) * c.d ** BigInt(horizon - 1 - m);
        const oldHorizon = roundHalfAway(expected.mrrCents * numerator, c.d ** BigInt(horizon - 1));
        const values = projectRevenue(effectiveLines(live, lines), {
          ...old,
          rampMonths: 0,
          monthlyExpansionRate: '0',
        });
        expect(values.horizonRevenueCents).toBe(Number(oldHorizon));
        expect(projectRevenue(effectiveLines(live, lines), old)).toEqual(values);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true },
    );
  });

  it('matches the reference for the delta percents and breakEvenCustomerLossPercent (1,000 random pairs)', () => {
    const mrr = fc.oneof(
      fc.integer({ min: 0, max: 1_000 }),
      fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 12) }),
    );
    fc.assert(
      fc.property(mrr, mrr, (row, baseline) => {
        expect(mrrDeltaPercent(row, baseline)).toBe(referencePercent(row, baseline));
        const breakEven = breakEvenCustomerLossPercent(row, baseline);
        expect(breakEven).toBe(referenceBreakEven(row, baseline));
        if (breakEven !== null) expect(Object.is(breakEven, -0)).toBe(false);
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 25_000, markInterruptAsFailure: true },
    );
    expect(mrrDeltaPercent(1, 8)).toBe(-87.5);
    expect(mrrDeltaPercent(2, 3)).toBe(-33.33);
    expect(mrrDeltaPercent(1_005, 1_000)).toBe(0.5);
    expect(mrrDeltaPercent(200_001, 400_000)).toBe(-50); // -49.99975 -> -50.00, half away from zero
    expect(Object.is(mrrDeltaPercent(999_999, 1_000_000), 0)).toBe(true); // -0.0001 % -> 0, never -0
    // Break-even: B at 1,100 against A at 1,000 can lose 100 x (1 - 1000/1100) = 9.0909 % -> 9.09;
    // C at 900 needs 100 x (1 - 1000/900) = -11.11 % more customers; a row at 0 MRR: null.
    expect(breakEvenCustomerLossPercent(1_100, 1_000)).toBe(9.09);
    expect(breakEvenCustomerLossPercent(900, 1_000)).toBe(-11.11);
    expect(breakEvenCustomerLossPercent(0, 1_000)).toBeNull();
    expect(breakEvenCustomerLossPercent(1_000, 0)).toBe(100);
  });

  it('works a hand example: half away from zero, 12 x monthly, unlisted tiers at 0 customers', () => {
    const live: LiveTier[] = [
      {
        id: 'free',
        name: 'Free',
        billingModel: BillingModel.FLAT,
        monthlyPriceCents: 0,
        annualPriceCents: null,
      },
      {
        id: 'starter',
        name: 'Starter',
        billingModel: BillingModel.FLAT,
        monthlyPriceCents: 6,
        annualPriceCents: 0,
      },
      {
        id: 'team',
        name: 'Team',
        billingModel: BillingModel.PER_SEAT,
        monthlyPriceCents: 1200,
        annualPriceCents: 12000,
      },
      {
        id: 'solo',
        name: 'Solo',
        billingModel: BillingModel.FLAT,
        monthlyPriceCents: 1250,
        annualPriceCents: null,
      },
    ];
    const lines: ScenarioLine[] = [
      {
        tierId: 'starter',
        monthlyPriceCents: null,
        annualPriceCents: null,
        expectedCustomers: 1,
        seatsPerCustomer: 9,
      },
      {
        tierId: 'team',
        monthlyPriceCents: 999,
        annualPriceCents: 9990,
        expectedCustomers: 7,
        seatsPerCustomer: 3,
      },
      {
        tierId: 'solo',
        monthlyPriceCents: null,
        annualPriceCents: null,
        expectedCustomers: 2,
        seatsPerCustomer: 1,
      },
    ];
    // s = 0.25, c = 0.1, H = 3; per-customer monthly = 0.75 x monthly + 0.25 x annual / 12.
    // Free:    not listed -> 0 customers, MRR 0.
    // Starter: FLAT, so seats do not count: 0.75 x 6 + 0.25 x 0 / 12 = 4.5 -> 5 (half away from zero; half-even would say 4).
    // Team:    PER_SEAT, overrides 999 / 9990: 0.75 x 999 + 0.25 x 9990 / 12 = 749.25 + 208.125 = 957.375;
    //          x 7 customers x 3 seats = 20104.875 -> 20105.
    // Solo:    no annual price anywhere -> 12 x 1250 = 15000: 0.75 x 1250 + 0.25 x 1250 = 1250; x 2 = 2500.
    // MRR = 0 + 5 + 20105 + 2500 = 22610; ARR = 12 x 22610 = 271320; customers = 1 + 7 + 2 = 10;
    // ARPU = 22610 / 10 = 2261; horizon = 22610 x (1 + 0.9 + 0.81) = 22610 x 2.71 = 61273.1 -> 61273.
    const lines2 = effectiveLines(live, lines);
    expect(
      lines2.map((l) => [l.tier.id, l.listed, l.monthlyPriceCents, l.annualPriceCents]),
    ).toEqual([
      ['free', false, 0, 0],
      ['starter', true, 6, 0],
      ['team', true, 999, 9990],
      ['solo', true, 1250, 15000],
    ]);
    expect(
      projectRevenue(lines2, {
        annualPlanShare: '0.25',
        monthlyChurnRate: '0.1',
        horizonMonths: 3,
      }),
    ).toEqual({
      customerCount: 10,
      mrrCents: 22610,
      arrCents: 271320,
      arpuCents: 2261,
      horizonMonths: 3,
      horizonRevenueCents: 61273,
      byTier: [
        { tierId: 'free', tierName: 'Free', customerCount: 0, mrrCents: 0 },
        { tierId: 'starter', tierName: 'Starter', customerCount: 1, mrrCents: 5 },
        { tierId: 'team', tierName: 'Team', customerCount: 7, mrrCents: 20105 },
        { tierId: 'solo', tierName: 'Solo', customerCount: 2, mrrCents: 2500 },
      ],
    });
  });
});

describe('projection through GraphQL', () => {
  const CONTRACT = readFileSync(path.join(__dirname, 'contract/pricing.graphql'), 'utf8');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.dispose());

  async function priced(
    tier: Record<string, unknown>,
    { line, ...scenario }: Record<string, unknown>,
  ) {
    const launch = await buildLaunch(t);
    const created = await t.gql(
      CONTRACT,
      { input: { launchId: launch.id, name: 'Tier', currency: 'USD', ...tier } },
      undefined,
      'CreatePricingTier',
    );
    const tierId = created.data!.createPricingTier.pricingTier.id;
    const res = await t.gql(
      CONTRACT,
      {
        input: {
          launchId: launch.id,
          name: 'S',
          ...scenario,
          tiers: [{ tierId, ...(line as object) }],
        },
      },
      undefined,
      'CreatePricingScenario',
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createPricingScenario.pricingScenario;
  }

  it('carries an MRR above 2^31 cents exactly as SafeInt', async () => {
    // 2,000 customers x 20 seats x 99,999 cents = 3,999,960,000 > 2^31 = 2,147,483,648.
    const s = await priced(
      { billingModel: 'PER_SEAT', monthlyPriceCents: 99_999 },
      {
        assumptions: { annualPlanShare: 0, monthlyChurnRate: 0, horizonMonths: 120 },
        line: { expectedCustomers: 2_000, seatsPerCustomer: 20 },
      },
    );
    expect(s.projection).toMatchObject({
      customerCount: 2_000,
      mrrCents: 3_999_960_000,
      arrCents: 47_999_520_000,
      arpuCents: 1_999_980,
      horizonRevenueCents: 479_995_200_000, // 120 months, no churn
    });
    expect(s.projection.mrrCents).toBeGreaterThan(2 ** 31);
    expect(s.projection.byTier[0].mrrCents).toBe(3_999_960_000);
    const cmp = await t.gql(CONTRACT, { ids: [s.id] }, undefined, 'ComparePricingScenarios');
    expect(cmp.data!.comparePricingScenarios.rows[0]).toMatchObject({
      mrrDeltaCents: 0,
      mrrDeltaPercent: 0,
    });
  });

  it('takes Float assumptions as their shortest decimal: 0.35 is exactly 35/100', async () => {
    // annual 12, monthly 0: per-customer monthly = 0.35 x 12 / 12 = 0.35; x 10 customers = 3.5 -> 4.
    // The binary double 0.35 is 0.34999999999999997...: arithmetic on it would give 3.4999... -> 3.
    const s = await priced(
      { billingModel: 'FLAT', monthlyPriceCents: 0, annualPriceCents: 12 },
      {
        assumptions: { annualPlanShare: 0.35, monthlyChurnRate: 0.02, horizonMonths: 2 },
        line: { expectedCustomers: 10 },
      },
    );
    expect(s.assumptions).toEqual({
      annualPlanShare: 0.35,
      monthlyChurnRate: 0.02,
      horizonMonths: 2,
      rampMonths: 0,
      monthlyExpansionRate: 0,
    });
    // horizon = 4 + 4 x 0.98 = 7.92 -> 8
    expect(s.projection).toMatchObject({ mrrCents: 4, arpuCents: 0, horizonRevenueCents: 8 });
  });
});
