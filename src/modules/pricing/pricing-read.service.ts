import { AppError } from '../../core/errors';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import type { PricingLoaders } from './pricing.loaders';
import type { PricingScenario, PricingScenarioTierRow } from './pricing-scenario.entity';
import type { PricingTier } from './pricing-tier.entity';
import {
  type PricingComparison,
  type PricingComparisonRow,
  RevenueProjection,
  type ScenarioTier,
} from './pricing.types';
import {
  breakEvenCustomerLossPercent,
  deltaPercent,
  effectiveLines,
  projectRevenue,
  type Assumptions,
  type EffectiveLine,
  type LiveTier,
  type PriceBand,
} from './projection.rules';
import { scenarioWarnings, type PricingWarningValues } from './price-models.rules';
import { PricingErrorReason } from './pricing.errors';

/** Most scenarios one comparison may hold. */
export const MAX_COMPARED = 20;

/** A stored scenario's assumptions, as the exact decimals PostgreSQL keeps. */
export function storedAssumptions(scenario: PricingScenario): Assumptions {
  return {
    annualPlanShare: scenario.annualPlanShare,
    monthlyChurnRate: scenario.monthlyChurnRate,
    horizonMonths: scenario.horizonMonths,
    rampMonths: scenario.rampMonths,
    monthlyExpansionRate: scenario.monthlyExpansionRate,
  };
}

/** A tier as the scenario pinned it (prices, model, bands), with the live tier for its name and place. */
export interface PinnedTier extends LiveTier {
  live: PricingTier;
}

/** Tier rows of a scenario and the launch's live tiers, through the request's loaders. */
async function pinsOf(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<{ live: PricingTier[]; rows: PricingScenarioTierRow[] }> {
  const [live, rows] = await Promise.all([
    loaders.pricingTiersByLaunchId.load(scenario.launchId),
    loaders.scenarioLinesByScenarioId.load(scenario.id),
  ]);
  return { live, rows };
}

/** Every tier the scenario pinned, in position order, with its effective (pinned) prices. */
async function linesOf(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<EffectiveLine<PinnedTier>[]> {
  const { live, rows } = await pinsOf(loaders, scenario);
  const byTier = new Map(rows.map((r) => [r.tierId, r]));
  const pinned: PinnedTier[] = live.flatMap((tier) => {
    const row = byTier.get(tier.id);
    if (!row) return [];
    return [
      {
        id: tier.id,
        name: tier.name,
        billingModel: row.liveBillingModel,
        monthlyPriceCents: row.liveMonthlyPriceCents,
        annualPriceCents: row.liveAnnualPriceCents,
        priceTiers: row.livePriceTiers,
        live: tier,
      },
    ];
  });
  return effectiveLines(
    pinned,
    rows.filter((r) => r.listed),
  );
}

function sameBands(a: readonly PriceBand[] | null, b: readonly PriceBand[] | null): boolean {
  const key = (bands: readonly PriceBand[] | null) =>
    bands && JSON.stringify(bands.map((x) => [x.upTo, x.unitAmountCents, x.flatAmountCents]));
  return key(a) === key(b);
}

/**
 * True when the live prices now differ from those the scenario was last
 * pinned against (a value comparison), or a tier was added since.
 */
export async function liveDrift(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<boolean> {
  const { live, rows } = await pinsOf(loaders, scenario);
  const byTier = new Map(rows.map((r) => [r.tierId, r]));
  return live.some((tier) => {
    const row = byTier.get(tier.id);
    return (
      !row ||
      row.liveBillingModel !== tier.billingModel ||
      row.liveMonthlyPriceCents !== tier.monthlyPriceCents ||
      row.liveAnnualPriceCents !== tier.annualPriceCents ||
      !sameBands(row.livePriceTiers, tier.priceTiers)
    );
  });
}

/** The lines the scenario lists, in tier position order, with their pinned prices. */
export async function scenarioTiers(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<ScenarioTier[]> {
  const lines = await linesOf(loaders, scenario);
  return lines
    .filter((line) => line.listed)
    .map((line) => ({
      tier: line.tier.live,
      monthlyPriceCents: line.monthlyPriceCents,
      annualPriceCents: line.annualPriceCents,
      expectedCustomers: line.expectedCustomers,
      seatsPerCustomer: line.seatsPerCustomer,
      annualPlanShare: line.annualPlanShare === null ? null : Number(line.annualPlanShare),
      monthlyChurnRate: line.monthlyChurnRate === null ? null : Number(line.monthlyChurnRate),
    }));
}

/** The projection from the scenario's pinned prices: it changes only when the scenario is edited. */
export async function scenarioProjection(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<RevenueProjection> {
  const lines = await linesOf(loaders, scenario);
  const { live } = await pinsOf(loaders, scenario);
  const assumptions = storedAssumptions(scenario);
  const values = projectRevenue(lines, assumptions);
  const projection = Object.assign(new RevenueProjection(), {
    ...values,
    currency: live[0]?.currency ?? null,
    byTier: values.byTier.map((tier) => ({
      ...tier,
      tierId: toGlobalId('PricingTier', tier.tierId),
    })),
  });
  projection.source = { lines, assumptions };
  return projection;
}

/** Warnings about the scenario's pinned prices and rates. */
export async function scenarioWarningsOf(
  loaders: PricingLoaders,
  scenario: PricingScenario,
): Promise<PricingWarningValues[]> {
  const lines = await linesOf(loaders, scenario);
  return scenarioWarnings(lines, scenario.monthlyChurnRate, lines[0]?.tier.live.currency ?? '');
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
      throw AppError.badInput(
        fields[i],
        `No pricing scenario has the id given in ${fields[i]}`,
        PricingErrorReason.UNKNOWN_ID,
      );
    return scenario;
  });
}

/** The deltas of DESIGN.md "Compare" of one projection against the baseline's. */
export function comparisonDeltas(
  row: RevenueProjection,
  baseline: RevenueProjection,
): Omit<PricingComparisonRow, 'scenario' | 'projection'> {
  return {
    mrrDeltaCents: row.mrrCents - baseline.mrrCents,
    mrrDeltaPercent: deltaPercent(row.mrrCents, baseline.mrrCents),
    arrDeltaCents: row.arrCents - baseline.arrCents,
    arpuDeltaCents: row.arpuCents - baseline.arpuCents,
    customerDelta: row.customerCount - baseline.customerCount,
    horizonRevenueDeltaCents: row.horizonRevenueCents - baseline.horizonRevenueCents,
    horizonRevenueDeltaPercent: deltaPercent(row.horizonRevenueCents, baseline.horizonRevenueCents),
    breakEvenCustomerLossPercent: breakEvenCustomerLossPercent(row.mrrCents, baseline.mrrCents),
  };
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
    throw AppError.badInput(
      'ids',
      `Compare 1 to ${MAX_COMPARED} scenarios, not ${ids.length}`,
      PricingErrorReason.INVALID_VALUE,
    );
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
      PricingErrorReason.COMPARISON_CURRENCY_MISMATCH,
    );
  }
  const baseline = projections[projections.length - 1];
  return {
    baseline: scenarios[scenarios.length - 1],
    rows: ids.map((_, i) => ({
      scenario: scenarios[i],
      projection: projections[i],
      ...comparisonDeltas(projections[i], baseline),
    })),
  };
}
