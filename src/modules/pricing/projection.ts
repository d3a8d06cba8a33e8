import Decimal from 'decimal.js';
import { BillingModel } from './pricing.enums';

/**
 * Pure pricing arithmetic of DESIGN.md "Pricing". Only +, -, x and integer
 * division are used, so with a precision this large nothing is ever rounded
 * except where the design says so (half away from zero, to whole minor units).
 */
const Exact = Decimal.clone({
  precision: 1e9,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
type Exact = Decimal;

/** A live tier, as far as the arithmetic cares. */
export interface LiveTier {
  id: string;
  name: string;
  billingModel: BillingModel;
  monthlyPriceCents: number;
  annualPriceCents: number | null;
}

/** One tier line of a scenario as entered: null prices mean the live tier's. */
export interface ScenarioLine {
  tierId: string;
  monthlyPriceCents: number | null;
  annualPriceCents: number | null;
  expectedCustomers: number;
  seatsPerCustomer: number;
}

/** A live tier with the prices and counts a scenario makes effective for it. */
export interface EffectiveLine<T extends LiveTier = LiveTier> {
  tier: T;
  /** False for live tiers the scenario does not list (they count with 0 customers). */
  listed: boolean;
  monthlyPriceCents: number;
  annualPriceCents: number;
  expectedCustomers: number;
  seatsPerCustomer: number;
}

/** Exact decimal strings: a Float input is taken as its shortest decimal string, String(x). */
export interface Assumptions {
  annualPlanShare: string;
  monthlyChurnRate: string;
  horizonMonths: number;
}

export interface TierProjectionValues {
  tierId: string;
  tierName: string;
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

/**
 * Every live tier (in the order given) with the scenario's effective prices:
 * a price the scenario does not give is the live tier's; an annual price
 * given nowhere is 12 x the effective monthly price.
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
    };
  });
}

function units(line: EffectiveLine): number {
  switch (line.tier.billingModel) {
    case BillingModel.PER_SEAT:
      return line.seatsPerCustomer;
    case BillingModel.FLAT:
      return 1;
    default: {
      const unknown: never = line.tier.billingModel;
      throw new Error(`unknown billing model ${String(unknown)}`);
    }
  }
}

/** round(customers x units x ((1 - s) x monthly + s x annual / 12)), kept exact by scaling by 12 first. */
function tierMrr(line: EffectiveLine, share: Exact): Exact {
  const twelveMonths = new Exact(1)
    .minus(share)
    .times(12)
    .times(line.monthlyPriceCents)
    .plus(share.times(line.annualPriceCents));
  return roundQuotient(
    twelveMonths.times(line.expectedCustomers).times(units(line)),
    new Exact(12),
  );
}

/** round(sum over m = 0..H-1 of MRR x (1 - c)^m), summed exactly. */
function horizonRevenue(mrr: Exact, churn: Exact, months: number): Exact {
  const keep = new Exact(1).minus(churn);
  let term = mrr;
  let sum = new Exact(0);
  for (let m = 0; m < months; m += 1) {
    sum = sum.plus(term);
    term = term.times(keep);
  }
  return sum.toDecimalPlaces(0, Exact.ROUND_HALF_UP);
}

/** The revenue projection of DESIGN.md for effective lines and assumptions; byTier in the order of `lines`. */
export function projectRevenue(
  lines: readonly EffectiveLine[],
  assumptions: Assumptions,
): ProjectionValues {
  const share = new Exact(assumptions.annualPlanShare);
  const byTier = lines.map((line) => ({ line, mrr: tierMrr(line, share) }));
  const mrr = byTier.reduce((sum, t) => sum.plus(t.mrr), new Exact(0));
  const customers = lines.reduce((sum, line) => sum.plus(line.expectedCustomers), new Exact(0));
  const arpu = customers.isZero() ? new Exact(0) : roundQuotient(mrr, customers);
  const horizon = horizonRevenue(
    mrr,
    new Exact(assumptions.monthlyChurnRate),
    assumptions.horizonMonths,
  );
  return {
    customerCount: safe(customers, 'customer count'),
    mrrCents: safe(mrr, 'MRR'),
    arrCents: safe(mrr.times(12), 'ARR'),
    arpuCents: safe(arpu, 'ARPU'),
    horizonMonths: assumptions.horizonMonths,
    horizonRevenueCents: safe(horizon, 'horizon revenue'),
    byTier: byTier.map(({ line, mrr: tier }) => ({
      tierId: line.tier.id,
      tierName: line.tier.name,
      customerCount: line.expectedCustomers,
      mrrCents: safe(tier, `MRR of tier ${line.tier.name}`),
    })),
  };
}

/** 100 x (row - baseline) / baseline, rounded half away from zero to 2 decimals; null when the baseline is 0. */
export function mrrDeltaPercent(rowMrrCents: number, baselineMrrCents: number): number | null {
  if (baselineMrrCents === 0) return null;
  const delta = new Exact(rowMrrCents).minus(baselineMrrCents);
  const hundredths = roundQuotient(delta.times(10_000), new Exact(baselineMrrCents));
  // A tiny negative delta rounds to -0.00: report it as 0, not -0.
  return hundredths.isZero() ? 0 : hundredths.times('0.01').toNumber();
}
