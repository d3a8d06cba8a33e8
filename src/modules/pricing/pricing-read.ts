import { AppError } from '../../core/errors';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import type { PricingLoaders } from './pricing.loaders';
import type { PricingScenario } from './pricing-scenario.entity';
import type { PricingTier } from './pricing-tier.entity';
import { type PricingComparison, type RevenueProjection, type ScenarioTier } from './pricing.types';
import {
  effectiveLines,
  mrrDeltaPercent,
  projectRevenue,
  type Assumptions,
  type EffectiveLine,
} from './projection';

/** Most scenarios one comparison may hold. */
export const MAX_COMPARED = 20;

/** A stored scenario's assumptions, as the exact decimals PostgreSQL keeps. */
export function storedAssumptions(scenario: PricingScenario): Assumptions {
  return {
    annualPlanShare: scenario.annualPlanShare,
    monthlyChurnRate: scenario.monthlyChurnRate,
    horizonMonths: scenario.horizonMonths,
  };
}

/** Every live tier of the scenario's launch with its effective prices, read through the request's loaders. */
async function linesOf(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<EffectiveLine<PricingTier>[]> {
  const [tiers, rows] = await Promise.all([
    loaders.pricingTiersByLaunchId.load(scenario.launchId),
    loaders.scenarioLinesByScenarioId.load(scenario.id),
  ]);
  return effectiveLines(tiers, rows);
}

/** The lines the scenario lists, in tier position order, with effective prices. */
export async function scenarioTiers(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<ScenarioTier[]> {
  const lines = await linesOf(loaders, scenario);
  return lines
    .filter((line) => line.listed)
    .map((line) => ({
      tier: line.tier,
      monthlyPriceCents: line.monthlyPriceCents,
      annualPriceCents: line.annualPriceCents,
      expectedCustomers: line.expectedCustomers,
      seatsPerCustomer: line.seatsPerCustomer,
    }));
}

/** The projection from the live tiers as they are now (so it follows every tier change). */
export async function scenarioProjection(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<RevenueProjection> {
  const lines = await linesOf(loaders, scenario);
  const values = projectRevenue(lines, storedAssumptions(scenario));
  return {
    ...values,
    currency: lines[0]?.tier.currency ?? null,
    byTier: values.byTier.map((tier) => ({
      ...tier,
      tierId: toGlobalId('PricingTier', tier.tierId),
    })),
  };
}

async function loadScenarios(
  loaders: PricingLoaders,
  uuids: string[],
  fields: string[],
): Promise<PricingScenario[]> {
  const found = await loaders.pricingScenarioById.loadMany(uuids);
  return found.map((scenario, i) => {
    if (scenario instanceof Error) throw scenario;
    if (!scenario)
      throw AppError.badInput(fields[i], `No pricing scenario has the id given in ${fields[i]}`);
    return scenario;
  });
}

/**
 * Scenarios side by side against a baseline (baselineId, else the first id),
 * in a fixed number of statements however many ids: one per loader batch.
 */
export async function compareScenarios(
  loaders: PricingLoaders,
  ids: readonly string[],
  baselineId?: string | null,
): Promise<PricingComparison> {
  if (ids.length < 1 || ids.length > MAX_COMPARED)
    throw AppError.badInput('ids', `Compare 1 to ${MAX_COMPARED} scenarios, not ${ids.length}`);
  const fields = [...ids.map((_, i) => `ids.${i}`), baselineId ? 'baselineId' : 'ids.0'];
  const uuids = [...ids, baselineId ?? ids[0]].map((id, i) =>
    fromGlobalId(id, 'PricingScenario', fields[i]),
  );
  const scenarios = await loadScenarios(loaders, uuids, fields);
  const projections = await Promise.all(scenarios.map((s) => scenarioProjection(loaders, s)));
  const currencies = new Set(projections.flatMap((p) => (p.currency ? [p.currency] : [])));
  if (currencies.size > 1) {
    throw AppError.badInput(
      'ids',
      `Scenarios in different currencies cannot be compared: ${[...currencies].sort().join(', ')}`,
    );
  }
  const baseline = projections[projections.length - 1];
  return {
    baseline: scenarios[scenarios.length - 1],
    rows: ids.map((_, i) => ({
      scenario: scenarios[i],
      projection: projections[i],
      mrrDeltaCents: projections[i].mrrCents - baseline.mrrCents,
      mrrDeltaPercent: mrrDeltaPercent(projections[i].mrrCents, baseline.mrrCents),
    })),
  };
}
