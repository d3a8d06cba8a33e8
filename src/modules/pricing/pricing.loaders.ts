import type { DataSource } from 'typeorm';
import { rowLoader, rowsLoader } from '../../core/graphql/row-loaders';
import { PricingScenario, PricingScenarioTierRow } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';

/** Pricing-page order: position, then age, then id (positions may tie). */
export const TIER_ORDER = 'position, created_at, id';

/**
 * Per-request pricing loaders: one `ANY($1)` statement per batch, results in
 * key order. The manager is taken at batch time: inside a mutation it is its transaction.
 */
export function createPricingLoaders(dataSource: DataSource) {
  return {
    pricingTierById: rowLoader(
      dataSource,
      PricingTier,
      'SELECT * FROM pricing_tiers WHERE id = ANY($1::uuid[])',
      (r) => r.id,
    ),
    pricingTiersByLaunchId: rowsLoader(
      dataSource,
      PricingTier,
      `SELECT * FROM pricing_tiers WHERE launch_id = ANY($1::uuid[]) ORDER BY ${TIER_ORDER}`,
      (r) => r.launchId,
    ),
    pricingScenarioById: rowLoader(
      dataSource,
      PricingScenario,
      'SELECT * FROM pricing_scenarios WHERE id = ANY($1::uuid[])',
      (r) => r.id,
    ),
    pricingScenariosByLaunchId: rowsLoader(
      dataSource,
      PricingScenario,
      'SELECT * FROM pricing_scenarios WHERE launch_id = ANY($1::uuid[]) ORDER BY created_at, id',
      (r) => r.launchId,
    ),
    scenarioLinesByScenarioId: rowsLoader(
      dataSource,
      PricingScenarioTierRow,
      'SELECT * FROM pricing_scenario_tiers WHERE scenario_id = ANY($1::uuid[])',
      (r) => r.scenarioId,
    ),
  };
}

export type PricingLoaders = ReturnType<typeof createPricingLoaders>;
