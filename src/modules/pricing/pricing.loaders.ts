import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { PricingScenario, PricingScenarioTierRow } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';

/** Pricing-page order: position, then age, then id (positions may tie). */
export const TIER_ORDER = 'position, created_at, id';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Per-request pricing loaders: one `ANY($1)` statement per batch, results in
 * key order. The manager is taken at batch time: inside a mutation it is its transaction.
 */
export function createPricingLoaders(dataSource: DataSource) {
  return {
    pricingTierById: new DataLoader<string, PricingTier | null>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        PricingTier,
        'SELECT * FROM pricing_tiers WHERE id = ANY($1::uuid[])',
        [[...ids]],
      );
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    pricingTiersByLaunchId: new DataLoader<string, PricingTier[]>(async (launchIds) => {
      const rows = await sqlEntities(
        dataSource.manager,
        PricingTier,
        `SELECT * FROM pricing_tiers WHERE launch_id = ANY($1::uuid[]) ORDER BY ${TIER_ORDER}`,
        [[...launchIds]],
      );
      return groupBy(launchIds, rows, (r) => r.launchId);
    }),
    pricingScenarioById: new DataLoader<string, PricingScenario | null>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        PricingScenario,
        'SELECT * FROM pricing_scenarios WHERE id = ANY($1::uuid[])',
        [[...ids]],
      );
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    pricingScenariosByLaunchId: new DataLoader<string, PricingScenario[]>(async (launchIds) => {
      const rows = await sqlEntities(
        dataSource.manager,
        PricingScenario,
        'SELECT * FROM pricing_scenarios WHERE launch_id = ANY($1::uuid[]) ORDER BY created_at, id',
        [[...launchIds]],
      );
      return groupBy(launchIds, rows, (r) => r.launchId);
    }),
    scenarioLinesByScenarioId: new DataLoader<string, PricingScenarioTierRow[]>(
      async (scenarioIds) => {
        const rows = await sqlEntities(
          dataSource.manager,
          PricingScenarioTierRow,
          'SELECT * FROM pricing_scenario_tiers WHERE scenario_id = ANY($1::uuid[])',
          [[...scenarioIds]],
        );
        return groupBy(scenarioIds, rows, (r) => r.scenarioId);
      },
    ),
  };
}

export type PricingLoaders = ReturnType<typeof createPricingLoaders>;
