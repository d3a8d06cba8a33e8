import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { sql, sqlEntities } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import type { Launch } from '../launches/launch.entity';
import { lockLaunch } from '../launches/launches.service';
import type { ScenarioAssumptionsInput, ScenarioTierInput } from './pricing.inputs';
import { TIER_ORDER } from './pricing.loaders';
import { PricingScenario, PricingScenarioTierRow } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';
import {
  effectiveLines,
  exactDecimal,
  projectRevenue,
  ProjectionRangeError,
  type Assumptions,
  type ScenarioLine,
} from './projection';
import { storedAssumptions } from './pricing-read';

/** Finds a row by global id, locks its launch (writes per launch queue there), then re-reads the row under the lock. */
async function lockOwned<T extends ObjectLiteral & { launchId: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  typename: 'PricingTier' | 'PricingScenario',
  globalId: string,
): Promise<{ row: T; launch: Launch }> {
  const id = fromGlobalId(globalId, typename, 'id');
  const table = typename === 'PricingTier' ? 'pricing_tiers' : 'pricing_scenarios';
  const read = async () =>
    (await sqlEntities(manager, entity, `SELECT * FROM ${table} WHERE id = $1`, [id]))[0];
  const found = await read();
  if (!found) throw AppError.notFound(typename);
  const launch = await lockLaunch(manager, found.launchId);
  const row = await read();
  if (!row) throw AppError.notFound(typename);
  return { row, launch };
}

/** The tier named by `id` (NOT_FOUND otherwise) and its launch, locked. */
export async function lockTier(
  manager: EntityManager,
  globalId: string,
): Promise<{ tier: PricingTier; launch: Launch }> {
  const { row, launch } = await lockOwned<PricingTier>(
    manager,
    PricingTier,
    'PricingTier',
    globalId,
  );
  return { tier: row, launch };
}

/** The scenario named by `id` (NOT_FOUND otherwise) and its launch, locked. */
export async function lockScenario(
  manager: EntityManager,
  globalId: string,
): Promise<{ scenario: PricingScenario; launch: Launch }> {
  const { row, launch } = await lockOwned<PricingScenario>(
    manager,
    PricingScenario,
    'PricingScenario',
    globalId,
  );
  return { scenario: row, launch };
}

/** All tiers of one launch share one currency: BAD_USER_INPUT on `currency` when another tier has another. */
export async function assertLaunchCurrency(
  manager: EntityManager,
  launchId: string,
  currency: string,
  exceptTierId?: string,
): Promise<void> {
  const rows = await sql<{ currency: string }>(
    manager,
    'SELECT DISTINCT currency FROM pricing_tiers WHERE launch_id = $1 AND id IS DISTINCT FROM $2::uuid AND currency <> $3',
    [launchId, exceptTierId ?? null, currency],
  );
  if (rows.length > 0) {
    throw AppError.badInput(
      'currency',
      `All tiers of a launch share one currency: the others are in ${rows[0].currency}, not ${currency}`,
    );
  }
}

/** Assumptions of an input as exact decimals (Floats by their shortest decimal string), defaults filled in. */
export function inputAssumptions(input: ScenarioAssumptionsInput | null | undefined): Assumptions {
  return {
    annualPlanShare: exactDecimal(input?.annualPlanShare ?? 0),
    monthlyChurnRate: exactDecimal(input?.monthlyChurnRate ?? 0),
    horizonMonths: input?.horizonMonths ?? 12,
  };
}

/**
 * Checks tier lines against the launch: each a tier of this launch, at most
 * once (BAD_USER_INPUT on `tiers.N.tierId`). One statement.
 */
export async function resolveLines(
  manager: EntityManager,
  launchId: string,
  inputs: readonly ScenarioTierInput[],
): Promise<ScenarioLine[]> {
  const uuids = inputs.map((line, i) =>
    fromGlobalId(line.tierId, 'PricingTier', `tiers.${i}.tierId`),
  );
  uuids.forEach((uuid, i) => {
    if (uuids.indexOf(uuid) !== i)
      throw AppError.badInput(`tiers.${i}.tierId`, 'A scenario lists each tier at most once');
  });
  const found = uuids.length
    ? await sql<{ id: string; launch_id: string }>(
        manager,
        'SELECT id, launch_id FROM pricing_tiers WHERE id = ANY($1::uuid[])',
        [uuids],
      )
    : [];
  uuids.forEach((uuid, i) => {
    const tier = found.find((t) => t.id === uuid);
    if (!tier) throw AppError.badInput(`tiers.${i}.tierId`, 'No pricing tier has this id');
    if (tier.launch_id !== launchId)
      throw AppError.badInput(
        `tiers.${i}.tierId`,
        'A scenario can only list tiers of its own launch',
      );
  });
  return inputs.map((line, i) => ({
    tierId: uuids[i],
    monthlyPriceCents: line.monthlyPriceCents ?? null,
    annualPriceCents: line.annualPriceCents ?? null,
    expectedCustomers: line.expectedCustomers,
    seatsPerCustomer: line.seatsPerCustomer ?? 1,
  }));
}

/** Writes a scenario's lines in one INSERT; `replace` deletes the old ones first. */
export async function writeLines(
  manager: EntityManager,
  scenario: { id: string; launchId: string },
  lines: readonly ScenarioLine[],
  replace: boolean,
): Promise<void> {
  if (replace)
    await manager.query('DELETE FROM pricing_scenario_tiers WHERE scenario_id = $1', [scenario.id]);
  if (lines.length === 0) return;
  await manager.query(
    `INSERT INTO pricing_scenario_tiers (scenario_id, tier_id, launch_id, monthly_price_cents, annual_price_cents, expected_customers, seats_per_customer)
     SELECT $1, t, $2, m, a, c, s FROM unnest($3::uuid[], $4::bigint[], $5::bigint[], $6::int[], $7::int[]) AS x(t, m, a, c, s)`,
    [
      scenario.id,
      scenario.launchId,
      lines.map((l) => l.tierId),
      lines.map((l) => l.monthlyPriceCents),
      lines.map((l) => l.annualPriceCents),
      lines.map((l) => l.expectedCustomers),
      lines.map((l) => l.seatsPerCustomer),
    ],
  );
}

/**
 * Every scenario of the launch (or just `scenarioId`) must still project
 * within SafeInt after a write; `fail` turns the first overflow into the
 * caller's error. Three statements.
 */
export async function assertProjectionsFit(
  manager: EntityManager,
  launchId: string,
  fail: (message: string) => AppError,
  scenarioId?: string,
): Promise<void> {
  const tiers = await sqlEntities(
    manager,
    PricingTier,
    `SELECT * FROM pricing_tiers WHERE launch_id = $1 ORDER BY ${TIER_ORDER}`,
    [launchId],
  );
  const only = 'AND ($2::uuid IS NULL OR id = $2::uuid)';
  const scenarios = await sqlEntities(
    manager,
    PricingScenario,
    `SELECT * FROM pricing_scenarios WHERE launch_id = $1 ${only}`,
    [launchId, scenarioId ?? null],
  );
  const rows = await sqlEntities(
    manager,
    PricingScenarioTierRow,
    'SELECT * FROM pricing_scenario_tiers WHERE launch_id = $1',
    [launchId],
  );
  for (const scenario of scenarios) {
    try {
      projectRevenue(
        effectiveLines(
          tiers,
          rows.filter((r) => r.scenarioId === scenario.id),
        ),
        storedAssumptions(scenario),
      );
    } catch (error) {
      if (error instanceof ProjectionRangeError)
        throw fail(`${error.message} in scenario '${scenario.name}'`);
      throw error;
    }
  }
}
