import { AppError } from '../../core/errors';
import { BillingModel } from './pricing.enums';
import {
  bandPrice,
  exactlyAbove,
  isBanded,
  type EffectiveLine,
  type PriceBand,
} from './projection.rules';
import { PricingErrorReason } from './pricing.errors';

/** A tier's price model: what the checks, Stripe parameters and warnings look at. */
export interface PriceModel {
  name: string;
  currency: string;
  billingModel: BillingModel;
  monthlyPriceCents: number;
  annualPriceCents: number | null;
  priceTiers: readonly PriceBand[] | null;
}

/** Bands as stored: every field present, flat amounts defaulting to 0. */
export function normaliseBands(
  bands: ReadonlyArray<{
    upTo?: number | null;
    unitAmountCents: number;
    flatAmountCents?: number | null;
  }>,
): PriceBand[] {
  return bands.map((b) => ({
    upTo: b.upTo ?? null,
    unitAmountCents: b.unitAmountCents,
    flatAmountCents: b.flatAmountCents ?? 0,
  }));
}

/**
 * DESIGN.md: GRADUATED and VOLUME tiers have bands in rising upTo, the last
 * with upTo null; their monthly price is the price of one seat by the bands;
 * they have no separate annual price. FLAT and PER_SEAT tiers have no bands.
 * Throws BAD_USER_INPUT on the field at fault. (Amounts are range-checked by
 * the input validators.)
 */
export function assertPriceModel(tier: PriceModel): void {
  const bands = tier.priceTiers;
  if (!isBanded(tier.billingModel)) {
    if (bands !== null)
      throw AppError.badInput(
        'priceTiers',
        `Only GRADUATED and VOLUME tiers have priceTiers, not ${tier.billingModel} ones`,
        PricingErrorReason.PRICE_BANDS_INVALID,
      );
    return;
  }
  if (bands === null || bands.length === 0)
    throw AppError.badInput(
      'priceTiers',
      `A ${tier.billingModel} tier needs priceTiers: at least one band, the last with upTo null`,
      PricingErrorReason.PRICE_BANDS_INVALID,
    );
  bands.forEach((band, i) => assertBand(bands, i));
  assertBandedPrices(tier, bands);
}

/** Band `i`: only the last is open-ended (upTo null), and upTo rises from band to band. */
function assertBand(bands: readonly PriceBand[], i: number): void {
  const band = bands[i];
  const last = i === bands.length - 1;
  if (last && band.upTo !== null)
    throw AppError.badInput(
      `priceTiers.${i}.upTo`,
      'The last band must have upTo null',
      PricingErrorReason.PRICE_BANDS_INVALID,
    );
  if (!last && band.upTo === null)
    throw AppError.badInput(
      `priceTiers.${i}.upTo`,
      'Only the last band may have upTo null',
      PricingErrorReason.PRICE_BANDS_INVALID,
    );
  const previous = i > 0 ? bands[i - 1].upTo : null;
  if (band.upTo !== null && previous !== null && band.upTo <= previous)
    throw AppError.badInput(
      `priceTiers.${i}.upTo`,
      `upTo must rise from band to band: ${band.upTo} is not above ${previous}`,
      PricingErrorReason.PRICE_BANDS_INVALID,
    );
}

/** A banded tier's monthly price is one seat's by the bands, and it has no annual price of its own. */
function assertBandedPrices(tier: PriceModel, bands: readonly PriceBand[]): void {
  const oneSeat = bandPrice(tier.billingModel as BillingModel.GRADUATED, bands, 1);
  if (tier.monthlyPriceCents !== oneSeat)
    throw AppError.badInput(
      'monthlyPriceCents',
      `monthlyPriceCents must be the price of one seat by the bands: ${oneSeat}, not ${tier.monthlyPriceCents}`,
      PricingErrorReason.PRICE_BANDS_INVALID,
    );
  if (tier.annualPriceCents !== null)
    throw AppError.badInput(
      'annualPriceCents',
      `A ${tier.billingModel} tier has no separate annual price: leave it out (or send null)`,
      PricingErrorReason.PRICE_BANDS_INVALID,
    );
}

/** The Stripe Price create parameters of a tier (its monthly price). */
export function stripePrice(tier: PriceModel): Record<string, unknown> {
  const common = {
    currency: tier.currency.toLowerCase(),
    product_data: { name: tier.name },
    recurring: { interval: 'month' },
  };
  if (isBanded(tier.billingModel) && tier.priceTiers) {
    return {
      ...common,
      billing_scheme: 'tiered',
      tiers_mode: tier.billingModel === BillingModel.GRADUATED ? 'graduated' : 'volume',
      tiers: tier.priceTiers.map((band) => ({
        up_to: band.upTo ?? 'inf',
        unit_amount: band.unitAmountCents,
        flat_amount: band.flatAmountCents,
      })),
    };
  }
  return { ...common, billing_scheme: 'per_unit', unit_amount: tier.monthlyPriceCents };
}

/** What a PMM may intend but should see. */
export enum PricingWarningCode {
  ANNUAL_ABOVE_TWELVE_MONTHLY = 'ANNUAL_ABOVE_TWELVE_MONTHLY',
  BELOW_LOWER_TIER = 'BELOW_LOWER_TIER',
  HIGH_CHURN = 'HIGH_CHURN',
}

export interface PricingWarningValues {
  code: PricingWarningCode;
  /** The tier it is about (a uuid), null for the whole scenario. */
  tierId: string | null;
  message: string;
}

/** Churn above this a month is worth a warning. */
export const HIGH_CHURN_RATE = 0.1;

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

/** Warnings of one tier among its launch's tiers (in position order), by its monthly and annual prices. */
export function priceWarnings(
  tiers: ReadonlyArray<{ id: string; name: string; monthly: number; annual: number | null }>,
  currency: string,
  only?: string,
): PricingWarningValues[] {
  const out: PricingWarningValues[] = [];
  tiers.forEach((tier, i) => {
    if (only !== undefined && tier.id !== only) return;
    if (tier.annual !== null && tier.annual > 12 * tier.monthly)
      out.push({
        code: PricingWarningCode.ANNUAL_ABOVE_TWELVE_MONTHLY,
        tierId: tier.id,
        message: `${tier.name}: the annual price ${money(tier.annual, currency)} is above 12 x the monthly price (${money(12 * tier.monthly, currency)})`,
      });
    const lower = tiers[i - 1];
    if (lower && tier.monthly < lower.monthly)
      out.push({
        code: PricingWarningCode.BELOW_LOWER_TIER,
        tierId: tier.id,
        message: `${tier.name}: the monthly price ${money(tier.monthly, currency)} is below that of ${lower.name}, the next lower tier (${money(lower.monthly, currency)})`,
      });
  });
  return out;
}

/** Warnings of a scenario: its pinned prices, and churn rates above 10 % a month. */
export function scenarioWarnings(
  lines: ReadonlyArray<EffectiveLine & { tier: { currency?: string } }>,
  scenarioChurn: string,
  currency: string,
): PricingWarningValues[] {
  const out = priceWarnings(
    lines.map((l) => ({
      id: l.tier.id,
      name: l.tier.name,
      monthly: l.monthlyPriceCents,
      annual: isBanded(l.tier.billingModel) ? null : l.annualPriceCents,
    })),
    currency,
  );
  if (exactlyAbove(scenarioChurn, HIGH_CHURN_RATE))
    out.push({
      code: PricingWarningCode.HIGH_CHURN,
      tierId: null,
      message: `The monthly churn rate ${scenarioChurn} is above ${HIGH_CHURN_RATE} a month: more than a tenth of the customers lost every month`,
    });
  for (const l of lines) {
    if (
      l.listed &&
      l.monthlyChurnRate !== null &&
      exactlyAbove(l.monthlyChurnRate, HIGH_CHURN_RATE)
    )
      out.push({
        code: PricingWarningCode.HIGH_CHURN,
        tierId: l.tier.id,
        message: `${l.tier.name}: the monthly churn rate ${l.monthlyChurnRate} is above ${HIGH_CHURN_RATE} a month`,
      });
  }
  return out;
}
