import { comparedFields, createdFields, deletedFields, type FieldChange } from '../activity-log';
import { formatMoney } from './currency.rules';
import type { PricingScenario } from './pricing-scenario.entity';
import type { PricingTier } from './pricing-tier.entity';
import type { PriceBand } from './projection.rules';

// Activity `changes` of pricing writes: money as "USD 89.00", rates as percentages.

function money(cents: number | null, currency: string): string | null {
  return cents === null ? null : formatMoney(cents, currency);
}

function bands(priceTiers: PriceBand[] | null, currency: string): string | null {
  if (!priceTiers) return null;
  return priceTiers
    .map((band) => {
      const upTo = band.upTo === null ? 'then' : `up to ${band.upTo}`;
      const flat = band.flatAmountCents ? ` + ${formatMoney(band.flatAmountCents, currency)}` : '';
      return `${upTo}: ${formatMoney(band.unitAmountCents, currency)}${flat}`;
    })
    .join('; ');
}

/** An exact decimal fraction (numeric as a string) as a percentage: "0.025" -> "2.5 %". */
function percent(fraction: string): string {
  const [whole, decimals = ''] = fraction.split('.');
  const digits = `${whole}${decimals.padEnd(2, '0')}`;
  const point = whole.length + 2;
  const value = `${digits.slice(0, point)}.${digits.slice(point)}`
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/\.?0*$/, '');
  return `${value} %`;
}

function tierValues(tier: PricingTier): Array<[string, string | null]> {
  return [
    ['name', tier.name],
    ['description', tier.description],
    ['billingModel', tier.billingModel],
    ['currency', tier.currency],
    ['monthlyPrice', money(tier.monthlyPriceCents, tier.currency)],
    ['annualPrice', money(tier.annualPriceCents, tier.currency)],
    ['priceTiers', bands(tier.priceTiers, tier.currency)],
    ['features', tier.features.length ? tier.features.join('; ') : null],
    ['position', String(tier.position)],
  ];
}

export function tierCreated(tier: PricingTier): FieldChange[] {
  return createdFields(tierValues(tier));
}

export function tierUpdated(before: PricingTier, after: PricingTier): FieldChange[] {
  return comparedFields(tierValues, before, after);
}

export function tierDeleted(tier: PricingTier): FieldChange[] {
  return deletedFields(tierValues(tier));
}

function scenarioValues(scenario: PricingScenario): Array<[string, string | null]> {
  return [
    ['name', scenario.name],
    ['notes', scenario.notes],
    ['status', scenario.status],
    ['annualPlanShare', percent(scenario.annualPlanShare)],
    ['monthlyChurnRate', percent(scenario.monthlyChurnRate)],
    ['monthlyExpansionRate', percent(scenario.monthlyExpansionRate)],
    ['horizonMonths', String(scenario.horizonMonths)],
    ['rampMonths', String(scenario.rampMonths)],
  ];
}

export function scenarioCreated(scenario: PricingScenario): FieldChange[] {
  return createdFields(scenarioValues(scenario));
}

export function scenarioUpdated(before: PricingScenario, after: PricingScenario): FieldChange[] {
  return comparedFields(scenarioValues, before, after);
}

/** A scenario's tier lines replaced: how many were listed before and after. */
export function linesReplaced(before: number, after: number): FieldChange[] {
  const lines = (n: number) => `${n} tier line${n === 1 ? '' : 's'}`;
  return [{ field: 'tiers', from: lines(before), to: lines(after) }];
}
