import { BillingModel } from './pricing.enums';

/**
 * Pure pricing arithmetic of DESIGN.md "Pricing", exact: every value is an
 * integer over a power of ten (bigint), so only +, - and x are used and
 * nothing is ever rounded except where the design says so (half away from
 * zero, to whole minor units). The ramp's share (m + 1) / R is not a finite
 * decimal: sums are kept scaled by R and divided once, where they are rounded.
 */
function tenTo(k: number): bigint {
  return 10n ** BigInt(k);
}

class Exact {
  /** n / 10^k, k >= 0. */
  constructor(
    readonly n: bigint,
    readonly k = 0,
  ) {}

  static of(value: number | bigint | string): Exact {
    if (typeof value === 'bigint') return new Exact(value);
    if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) return new Exact(BigInt(value));
      return Exact.of(exactDecimal(value));
    }
    const [mantissa, exponent = '0'] = value.trim().toLowerCase().split('e');
    const negative = mantissa.startsWith('-');
    const [whole, fraction = ''] = mantissa.replace(/^[-+]/, '').split('.');
    let n = BigInt(`${whole || '0'}${fraction}`);
    let k = fraction.length - Number(exponent);
    if (k < 0) {
      n *= 10n ** BigInt(-k);
      k = 0;
    }
    return new Exact(negative ? -n : n, k);
  }

  private at(k: number): bigint {
    return k === this.k ? this.n : this.n * tenTo(k - this.k);
  }

  plus(other: Exact | number): Exact {
    const o = other instanceof Exact ? other : Exact.of(other);
    if (this.n === 0n) return o;
    if (o.n === 0n) return this;
    const k = Math.max(this.k, o.k);
    return new Exact(this.at(k) + o.at(k), k);
  }

  minus(other: Exact | number): Exact {
    const o = other instanceof Exact ? other : Exact.of(other);
    return this.plus(new Exact(-o.n, o.k));
  }

  times(other: Exact | number): Exact {
    const o = other instanceof Exact ? other : Exact.of(other);
    return new Exact(this.n * o.n, this.k + o.k);
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  gt(other: Exact | number): boolean {
    const o = other instanceof Exact ? other : Exact.of(other);
    const k = Math.max(this.k, o.k);
    return this.at(k) > o.at(k);
  }

  /** The same value in lowest terms (a key: 0.10 and 0.1 are one rate). */
  key(): string {
    let { n, k } = this;
    while (k > 0 && n % 10n === 0n) {
      n /= 10n;
      k -= 1;
    }
    return `${n}e-${k}`;
  }

  /** round(this / d), half away from zero, as an integer (d a positive integer). */
  roundDiv(d: bigint | number = 1): bigint {
    const den = BigInt(d) * tenTo(this.k);
    const abs = this.n < 0n ? -this.n : this.n;
    const q = (2n * abs + den) / (2n * den);
    return this.n < 0n ? -q : q;
  }
}

/** True when the exact decimal `value` is above `limit` (both exact decimal strings or numbers). */
export function exactlyAbove(value: string, limit: number | string): boolean {
  return Exact.of(value).gt(Exact.of(limit));
}

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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function safe(value: bigint, what: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) throw new ProjectionRangeError(what);
  return Number(value);
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
): bigint {
  if (seats <= 0 || bands.length === 0) return 0n;
  const q = BigInt(seats);
  if (model === BillingModel.VOLUME) {
    const band = bands.find((b) => b.upTo === null || seats <= b.upTo) ?? bands[bands.length - 1];
    return q * BigInt(band.unitAmountCents) + BigInt(band.flatAmountCents);
  }
  let total = 0n;
  let below = 0;
  for (const band of bands) {
    if (seats <= below) break;
    const inBand = (band.upTo === null ? seats : Math.min(seats, band.upTo)) - below;
    total += BigInt(inBand) * BigInt(band.unitAmountCents) + BigInt(band.flatAmountCents);
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

/** round(customers x units x per-customer monthly), in whole minor units. */
function tierMrr(line: EffectiveLine, scenarioShare: Exact): bigint {
  const model = line.tier.billingModel;
  switch (model) {
    case BillingModel.GRADUATED:
    case BillingModel.VOLUME:
      // The band price of the customer's seats, monthly and annual alike; units = 1.
      return (
        BigInt(line.expectedCustomers) *
        bandPriceExact(model, line.tier.priceTiers ?? [], line.seatsPerCustomer)
      );
    case BillingModel.PER_SEAT:
    case BillingModel.FLAT: {
      const share = line.annualPlanShare === null ? scenarioShare : Exact.of(line.annualPlanShare);
      const units = model === BillingModel.PER_SEAT ? line.seatsPerCustomer : 1;
      // 12 x per-customer monthly = (1 - s) x 12 x monthly + s x annual: divide by 12 once, when rounding.
      const twelveMonths = Exact.of(1)
        .minus(share)
        .times(12 * line.monthlyPriceCents)
        .plus(share.times(line.annualPriceCents));
      return twelveMonths
        .times(Exact.of(line.expectedCustomers))
        .times(Exact.of(units))
        .roundDiv(12);
    }
    default: {
      const unknown: never = model;
      throw new Error(`unknown billing model ${String(unknown)}`);
    }
  }
}

function tierMrrs(lines: readonly EffectiveLine[], assumptions: Assumptions): bigint[] {
  const share = Exact.of(assumptions.annualPlanShare);
  return lines.map((line) => tierMrr(line, share));
}

/** Tiers grouped by churn rate, each group's MRR and customers summed: one power series a group. */
function churnSeries(
  lines: readonly EffectiveLine[],
  mrrs: readonly bigint[],
  assumptions: Assumptions,
): ChurnSeries[] {
  const growth = Exact.of(1).plus(Exact.of(assumptions.monthlyExpansionRate ?? '0'));
  const groups = new Map<string, { churn: Exact; mrr: bigint; customers: bigint }>();
  lines.forEach((line, i) => {
    const churn = Exact.of(line.monthlyChurnRate ?? assumptions.monthlyChurnRate);
    const group = groups.get(churn.key()) ?? { churn, mrr: 0n, customers: 0n };
    group.mrr += mrrs[i];
    group.customers += BigInt(line.expectedCustomers);
    groups.set(churn.key(), group);
  });
  return [...groups.values()].map((g) => {
    const keep = Exact.of(1).minus(g.churn);
    return {
      mrr: new Exact(g.mrr),
      customers: new Exact(g.customers),
      keep,
      factor: keep.times(growth),
      r: Exact.of(1),
      c: Exact.of(1),
    };
  });
}

interface ChurnSeries {
  mrr: Exact;
  customers: Exact;
  keep: Exact;
  factor: Exact;
  r: Exact;
  c: Exact;
}

/**
 * The exact month-by-month sums, each scaled by R (1 without a ramp): for
 * month m, revenue R x sum_t tier MRR x a_m x (1 - c_t)^m x (1 + e)^m and
 * customers R x sum_t customers x a_m x (1 - c_t)^m, with R x a_m = min(R, m + 1).
 * Tiers are grouped by churn rate so each power series is built once.
 */
function* months(
  lines: readonly EffectiveLine[],
  mrrs: readonly bigint[],
  assumptions: Assumptions,
  options: { countCustomers: boolean },
): Generator<{ revenue: Exact; customers: Exact }> {
  const ramp = assumptions.rampMonths ?? 0;
  const series = churnSeries(lines, mrrs, assumptions);
  for (let m = 0; m < assumptions.horizonMonths; m += 1) {
    const active = Exact.of(ramp > 0 ? Math.min(ramp, m + 1) : 1);
    let revenue = Exact.of(0);
    let customers = Exact.of(0);
    for (const s of series) {
      revenue = revenue.plus(s.mrr.times(s.r));
      s.r = s.r.times(s.factor);
      if (options.countCustomers) {
        customers = customers.plus(s.customers.times(s.c));
        s.c = s.c.times(s.keep);
      }
    }
    yield { revenue: revenue.times(active), customers: customers.times(active) };
  }
}

/** The revenue projection of DESIGN.md for effective lines and assumptions; byTier in the order of `lines`. */
export function projectRevenue(
  lines: readonly EffectiveLine[],
  assumptions: Assumptions,
): ProjectionValues {
  const mrrs = tierMrrs(lines, assumptions);
  const mrr = mrrs.reduce((sum, t) => sum + t, 0n);
  const customers = lines.reduce((sum, line) => sum + BigInt(line.expectedCustomers), 0n);
  const arpu = customers === 0n ? 0n : new Exact(mrr).roundDiv(customers);
  let revenue = Exact.of(0);
  for (const month of months(lines, mrrs, assumptions, { countCustomers: false }))
    revenue = revenue.plus(month.revenue);
  // Rounded once, at the end.
  const horizon = revenue.roundDiv(Math.max(1, assumptions.rampMonths ?? 0));
  return {
    customerCount: safe(customers, 'customer count'),
    mrrCents: safe(mrr, 'MRR'),
    arrCents: safe(12n * mrr, 'ARR'),
    arpuCents: safe(arpu, 'ARPU'),
    horizonMonths: assumptions.horizonMonths,
    horizonRevenueCents: safe(horizon, 'horizon revenue'),
    byTier: lines.map((line, i) => ({
      tierId: line.tier.id,
      tierName: line.tier.name,
      customerCount: line.expectedCustomers,
      mrrCents: safe(mrrs[i], `MRR of tier ${line.tier.name}`),
    })),
  };
}

/**
 * The monthly schedule: months 1 .. H (month 1 is m = 0), each month's exact
 * customers and revenue summed over tiers, then rounded once.
 */
export function monthlySchedule(
  lines: readonly EffectiveLine[],
  assumptions: Assumptions,
): MonthProjectionValues[] {
  const scale = Math.max(1, assumptions.rampMonths ?? 0);
  const out: MonthProjectionValues[] = [];
  const mrrs = tierMrrs(lines, assumptions);
  for (const { revenue, customers } of months(lines, mrrs, assumptions, { countCustomers: true })) {
    const month = out.length + 1;
    out.push({
      month,
      customerCount: safe(customers.roundDiv(scale), `customer count of month ${month}`),
      mrrCents: safe(revenue.roundDiv(scale), `MRR of month ${month}`),
    });
  }
  return out;
}

/** round(10,000 x part / whole) / 100, half away from zero; null when whole is 0; never -0. */
function hundredthsOf(part: bigint, whole: number): number | null {
  if (whole === 0) return null;
  const w = BigInt(whole);
  const hundredths = new Exact(10_000n * part * (w < 0n ? -1n : 1n)).roundDiv(w < 0n ? -w : w);
  // A tiny negative value rounds to -0.00: report it as 0, not -0.
  if (hundredths === 0n) return 0;
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return Number(
    `${hundredths < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`,
  );
}

/** 100 x (row - baseline) / baseline, rounded half away from zero to 2 decimals; null when the baseline is 0. */
export function deltaPercent(row: number, baseline: number): number | null {
  return hundredthsOf(BigInt(row) - BigInt(baseline), baseline);
}

/** The MRR delta percent (kept under its old name). */
export const mrrDeltaPercent = deltaPercent;

/**
 * 100 x (1 - baseline MRR / row MRR), two decimals, null when the row MRR is 0:
 * the share of its customers the row can lose and still match the baseline.
 */
export function breakEvenCustomerLossPercent(rowMrr: number, baselineMrr: number): number | null {
  return hundredthsOf(BigInt(rowMrr) - BigInt(baselineMrr), rowMrr);
}
