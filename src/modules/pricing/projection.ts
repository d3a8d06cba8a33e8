import Decimal from 'decimal.js';
import { BillingModel } from './pricing.enums';

/**
 * Pure pricing arithmetic of DESIGN.md "Pricing". Only +, -, x and integer
 * division are used, so with a precision this large nothing is ever rounded
 * except where the design says so (half away from zero, to whole minor units).
 * The ramp's share (m + 1) / R is not a finite decimal: sums are kept scaled
 * by R and divided once, where they are rounded.
 */
const Exact = Decimal.clone({
  precision: 1e9,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
type Exact = Decimal;

/** One band of a GRADUATED or VOLUME tier (Stripe's `tiers`): up to `upTo` seats, null for the last. */
export interface PriceBand {
  upTo: number | null;
  unitAmountCents: number;
  flatAmountCents: number;
}

/** A tier's prices, as far as the arithmetic cares (the live tier, or its pinned copy). */
export interface LiveTier {
  id: string;
  name: string;
  billingModel: BillingModel;
  monthlyPriceCents: number;
  annualPriceCents: number | null;
  /** GRADUATED and VOLUME only; absent or null otherwise. */
  priceTiers?: readonly PriceBand[] | null;
}

/** One tier line of a scenario as entered: null prices and rates mean the tier's or the scenario's. */
export interface ScenarioLine {
  tierId: string;
  monthlyPriceCents: number | null;
  annualPriceCents: number | null;
  expectedCustomers: number;
  seatsPerCustomer: number;
  /** Exact decimal strings; null (or absent) means the scenario's. */
  annualPlanShare?: string | null;
  monthlyChurnRate?: string | null;
}

/** A tier with the prices and counts a scenario makes effective for it. */
export interface EffectiveLine<T extends LiveTier = LiveTier> {
  tier: T;
  /** False for tiers the scenario does not list (they count with 0 customers). */
  listed: boolean;
  monthlyPriceCents: number;
  /** The effective annual price: the given one, else 12 x the effective monthly price. */
  annualPriceCents: number;
  expectedCustomers: number;
  seatsPerCustomer: number;
  annualPlanShare: string | null;
  monthlyChurnRate: string | null;
}

/** Exact decimal strings: a Float input is taken as its shortest decimal string, String(x). */
export interface Assumptions {
  annualPlanShare: string;
  monthlyChurnRate: string;
  horizonMonths: number;
  /** R in [0, H]; absent means 0 (every customer from month 0). */
  rampMonths?: number;
  /** e in [0, 1); absent means 0. */
  monthlyExpansionRate?: string;
}

export interface TierProjectionValues {
  tierId: string;
  tierName: string;
  customerCount: number;
  mrrCents: number;
}

export interface MonthProjectionValues {
  month: number;
  customerCount: number;
  mrrCents: number;
}

export interface ProjectionValues {
  customerCount: number;
  mrrCents: number;
  arrCents: number;
  arpuCents: number;
  horizonMonths: number;
  horizonRevenueCents: number;
  byTier: TierProjectionValues[];
}

/** A projection value beyond 2^53 - 1: it could not be carried exactly as a SafeInt. */
export class ProjectionRangeError extends RangeError {
  constructor(what: string) {
    super(`The projected ${what} exceeds ${Number.MAX_SAFE_INTEGER} minor units`);
    this.name = 'ProjectionRangeError';
  }
}

/** The exact decimal a Float input stands for: its shortest round-trip decimal string. */
export function exactDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  return String(value);
}

/** Digits after the decimal point of the exact decimal a Float stands for (1e-7 has 7). */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = exactDecimal(value).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** round(x / d), half away from zero, exactly (x any exact decimal, d > 0). */
function roundQuotient(x: Exact, d: Exact): Exact {
  if (x.isNegative()) return roundQuotient(x.negated(), d).negated();
  const q = x.divToInt(d);
  const r = x.minus(q.times(d));
  return r.times(2).gte(d) ? q.plus(1) : q;
}

function safe(value: Exact, what: string): number {
  if (value.abs().gt(Number.MAX_SAFE_INTEGER)) throw new ProjectionRangeError(what);
  return value.toNumber();
}

/** True for the models priced by bands (Stripe's tiered billing scheme). */
export function isBanded(model: BillingModel): boolean {
  return model === BillingModel.GRADUATED || model === BillingModel.VOLUME;
}

/**
 * The monthly price of `seats` seats by the bands, per Stripe: GRADUATED sums
 * each band's share (seats in the band x unit, plus the flat amount of every
 * band reached); VOLUME prices all seats at the band they fall in, plus its flat.
 */
function bandPriceExact(
  model: BillingModel.GRADUATED | BillingModel.VOLUME,
  bands: readonly PriceBand[],
  seats: number,
): Exact {
  if (seats <= 0 || bands.length === 0) return new Exact(0);
  if (model === BillingModel.VOLUME) {
    const band = bands.find((b) => b.upTo === null || seats <= b.upTo) ?? bands[bands.length - 1];
    return new Exact(seats).times(band.unitAmountCents).plus(band.flatAmountCents);
  }
  let total = new Exact(0);
  let below = 0;
  for (const band of bands) {
    if (seats <= below) break;
    const inBand = (band.upTo === null ? seats : Math.min(seats, band.upTo)) - below;
    total = total.plus(new Exact(inBand).times(band.unitAmountCents)).plus(band.flatAmountCents);
    if (band.upTo === null) break;
    below = band.upTo;
  }
  return total;
}

/** The monthly price of `seats` seats by the bands (exact for any input within the API's limits). */
export function bandPrice(
  model: BillingModel.GRADUATED | BillingModel.VOLUME,
  bands: readonly PriceBand[],
  seats: number,
): number {
  return safe(bandPriceExact(model, bands, seats), 'band price');
}

/**
 * Every tier (in the order given) with the scenario's effective prices: a
 * price the scenario does not give is the tier's; an annual price given
 * nowhere is 12 x the effective monthly price.
 */
export function effectiveLines<T extends LiveTier>(
  live: readonly T[],
  lines: readonly ScenarioLine[],
): EffectiveLine<T>[] {
  const byTier = new Map(lines.map((line) => [line.tierId, line]));
  return live.map((tier) => {
    const line = byTier.get(tier.id);
    const monthly = line?.monthlyPriceCents ?? tier.monthlyPriceCents;
    return {
      tier,
      listed: line !== undefined,
      monthlyPriceCents: monthly,
      annualPriceCents: line?.annualPriceCents ?? tier.annualPriceCents ?? 12 * monthly,
      expectedCustomers: line?.expectedCustomers ?? 0,
      seatsPerCustomer: line?.seatsPerCustomer ?? 1,
      annualPlanShare: line?.annualPlanShare ?? null,
      monthlyChurnRate: line?.monthlyChurnRate ?? null,
    };
  });
}

/** round(customers x units x per-customer monthly), kept exact by scaling by 12 first. */
function tierMrr(line: EffectiveLine, scenarioShare: Exact): Exact {
  const model = line.tier.billingModel;
  switch (model) {
    case BillingModel.GRADUATED:
    case BillingModel.VOLUME:
      // The band price of the customer's seats, monthly and annual alike; units = 1.
      return new Exact(line.expectedCustomers).times(
        bandPriceExact(model, line.tier.priceTiers ?? [], line.seatsPerCustomer),
      );
    case BillingModel.PER_SEAT:
    case BillingModel.FLAT: {
      const share = line.annualPlanShare === null ? scenarioShare : new Exact(line.annualPlanShare);
      const units = model === BillingModel.PER_SEAT ? line.seatsPerCustomer : 1;
      const twelveMonths = new Exact(1)
        .minus(share)
        .times(12)
        .times(line.monthlyPriceCents)
        .plus(share.times(line.annualPriceCents));
      return roundQuotient(twelveMonths.times(line.expectedCustomers).times(units), new Exact(12));
    }
    default: {
      const unknown: never = model;
      throw new Error(`unknown billing model ${String(unknown)}`);
    }
  }
}

interface Computed {
  values: ProjectionValues;
  lines: readonly EffectiveLine[];
  tierMrrs: Exact[];
}

function compute(lines: readonly EffectiveLine[], assumptions: Assumptions): Computed {
  const share = new Exact(assumptions.annualPlanShare);
  const tierMrrs = lines.map((line) => tierMrr(line, share));
  const mrr = tierMrrs.reduce((sum, t) => sum.plus(t), new Exact(0));
  const customers = lines.reduce((sum, line) => sum.plus(line.expectedCustomers), new Exact(0));
  const arpu = customers.isZero() ? new Exact(0) : roundQuotient(mrr, customers);
  const { revenue, scale } = horizonSum(lines, tierMrrs, assumptions);
  const horizon = roundQuotient(revenue, scale);
  return {
    lines,
    tierMrrs,
    values: {
      customerCount: safe(customers, 'customer count'),
      mrrCents: safe(mrr, 'MRR'),
      arrCents: safe(mrr.times(12), 'ARR'),
      arpuCents: safe(arpu, 'ARPU'),
      horizonMonths: assumptions.horizonMonths,
      horizonRevenueCents: safe(horizon, 'horizon revenue'),
      byTier: lines.map((line, i) => ({
        tierId: line.tier.id,
        tierName: line.tier.name,
        customerCount: line.expectedCustomers,
        mrrCents: safe(tierMrrs[i], `MRR of tier ${line.tier.name}`),
      })),
    },
  };
}

/**
 * The exact month-by-month sums, each scaled by R (1 without a ramp): for
 * month m, revenue R x sum_t tier MRR x a_m x (1 - c_t)^m x (1 + e)^m and
 * customers R x sum_t customers x a_m x (1 - c_t)^m, with R x a_m = min(R, m + 1).
 * Tiers are grouped by churn rate so each power series is built once.
 */
function* months(
  lines: readonly EffectiveLine[],
  tierMrrs: readonly Exact[],
  assumptions: Assumptions,
  withCustomers: boolean,
): Generator<{ revenue: Exact; customers: Exact }> {
  const ramp = assumptions.rampMonths ?? 0;
  const growth = new Exact(1).plus(assumptions.monthlyExpansionRate ?? '0');
  const groups = new Map<string, { mrr: Exact; customers: Exact }>();
  lines.forEach((line, i) => {
    const churn = new Exact(line.monthlyChurnRate ?? assumptions.monthlyChurnRate).toString();
    const group = groups.get(churn) ?? { mrr: new Exact(0), customers: new Exact(0) };
    group.mrr = group.mrr.plus(tierMrrs[i]);
    group.customers = group.customers.plus(line.expectedCustomers);
    groups.set(churn, group);
  });
  const series = [...groups].map(([churn, g]) => {
    const keep = new Exact(1).minus(churn);
    return { ...g, keep, revenueFactor: keep.times(growth), r: new Exact(1), c: new Exact(1) };
  });
  for (let m = 0; m < assumptions.horizonMonths; m += 1) {
    const active = ramp > 0 ? Math.min(ramp, m + 1) : 1;
    let revenue = new Exact(0);
    let customers = new Exact(0);
    for (const s of series) {
      revenue = revenue.plus(s.mrr.times(s.r));
      s.r = s.r.times(s.revenueFactor);
      if (withCustomers) {
        customers = customers.plus(s.customers.times(s.c));
        s.c = s.c.times(s.keep);
      }
    }
    yield { revenue: revenue.times(active), customers: customers.times(active) };
  }
}

function horizonSum(
  lines: readonly EffectiveLine[],
  tierMrrs: readonly Exact[],
  assumptions: Assumptions,
): { revenue: Exact; scale: Exact } {
  let revenue = new Exact(0);
  for (const month of months(lines, tierMrrs, assumptions, false))
    revenue = revenue.plus(month.revenue);
  return { revenue, scale: new Exact(Math.max(1, assumptions.rampMonths ?? 0)) };
}

/** The revenue projection of DESIGN.md for effective lines and assumptions; byTier in the order of `lines`. */
export function projectRevenue(
  lines: readonly EffectiveLine[],
  assumptions: Assumptions,
): ProjectionValues {
  return compute(lines, assumptions).values;
}

/**
 * The monthly schedule: months 1 .. H (month 1 is m = 0), each month's exact
 * customers and revenue summed over tiers, then rounded once.
 */
export function monthlySchedule(
  lines: readonly EffectiveLine[],
  assumptions: Assumptions,
): MonthProjectionValues[] {
  const share = new Exact(assumptions.annualPlanShare);
  const tierMrrs = lines.map((line) => tierMrr(line, share));
  const scale = new Exact(Math.max(1, assumptions.rampMonths ?? 0));
  const out: MonthProjectionValues[] = [];
  for (const { revenue, customers } of months(lines, tierMrrs, assumptions, true)) {
    const month = out.length + 1;
    out.push({
      month,
      customerCount: safe(roundQuotient(customers, scale), `customer count of month ${month}`),
      mrrCents: safe(roundQuotient(revenue, scale), `MRR of month ${month}`),
    });
  }
  return out;
}

/** round(10,000 x part / whole) / 100, half away from zero; null when whole is 0; never -0. */
function hundredthsOf(part: Exact, whole: number): number | null {
  if (whole === 0) return null;
  const hundredths = roundQuotient(part.times(10_000), new Exact(whole).abs());
  const signed = whole < 0 ? hundredths.negated() : hundredths;
  // A tiny negative value rounds to -0.00: report it as 0, not -0.
  return signed.isZero() ? 0 : signed.times('0.01').toNumber();
}

/** 100 x (row - baseline) / baseline, rounded half away from zero to 2 decimals; null when the baseline is 0. */
export function deltaPercent(row: number, baseline: number): number | null {
  return hundredthsOf(new Exact(row).minus(baseline), baseline);
}

/** The MRR delta percent (kept under its old name). */
export const mrrDeltaPercent = deltaPercent;

/**
 * 100 x (1 - baseline MRR / row MRR), two decimals, null when the row MRR is 0:
 * the share of its customers the row can lose and still match the baseline.
 */
export function breakEvenCustomerLossPercent(rowMrr: number, baselineMrr: number): number | null {
  return hundredthsOf(new Exact(rowMrr).minus(baselineMrr), rowMrr);
}
