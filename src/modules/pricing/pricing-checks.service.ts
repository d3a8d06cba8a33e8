import type { EntityManager } from 'typeorm';
import { sql, sqlEntities, toEntity } from '../../core/db/sql';
import { AppError, assertVersion } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import { type Launch, lockOwnerAndRead } from '../launches';
import type {
  ScenarioAssumptionsInput,
  ScenarioAssumptionsPatch,
  ScenarioTierInput,
} from './pricing.inputs';
import { TIER_ORDER } from './pricing.loaders';
import { PricingScenario, PricingScenarioTierRow } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';
import {
  effectiveLines,
  exactDecimal,
  isBanded,
  projectRevenue,
  ProjectionRangeError,
  type Assumptions,
  type ScenarioLine,
} from './projection.rules';
import { PricingErrorReason } from './pricing.errors';

/** The tier named by `id` (NOT_FOUND otherwise) and its launch, locked: two statements. */
export async function lockTier(
  manager: EntityManager,
  globalId: string,
): Promise<{ tier: PricingTier; launch: Launch }> {
  const id = fromGlobalId(globalId, 'PricingTier', 'id');
  const locked = await lockOwnerAndRead(
    manager,
    { table: 'pricing_tiers', id },
    async () =>
      (
        await sqlEntities(manager, PricingTier, 'SELECT * FROM pricing_tiers WHERE id = $1', [id])
      )[0],
  );
  if (!locked) throw AppError.notFound('PricingTier', PricingErrorReason.PRICING_TIER_NOT_FOUND);
  return { tier: locked.row, launch: locked.launch };
}

/**
 * The scenario named by `id` (NOT_FOUND otherwise) with how many lines it
 * lists, and its launch, locked: two statements.
 */
export async function lockScenario(
  manager: EntityManager,
  globalId: string,
): Promise<{ scenario: PricingScenario; listedLines: number; launch: Launch }> {
  const id = fromGlobalId(globalId, 'PricingScenario', 'id');
  const locked = await lockOwnerAndRead(manager, { table: 'pricing_scenarios', id }, async () => {
    const [row] = await sql(
      manager,
      `SELECT s.*, (SELECT count(*) FROM pricing_scenario_tiers l
         WHERE l.scenario_id = s.id AND l.listed)::int AS "__listed"
       FROM pricing_scenarios s WHERE s.id = $1`,
      [id],
    );
    if (!row) return undefined;
    return { scenario: toEntity(manager, PricingScenario, row), listedLines: Number(row.__listed) };
  });
  if (!locked)
    throw AppError.notFound('PricingScenario', PricingErrorReason.PRICING_SCENARIO_NOT_FOUND);
  return { ...locked.row, launch: locked.launch };
}

/** The one version rule for tiers and scenarios: at the version the client sent, when it sent one. */
export function assertPricingVersion(
  what: 'PricingTier' | 'PricingScenario',
  row: { version: number },
  expected: number | null | undefined,
): void {
  assertVersion({
    reason: PricingErrorReason.VERSION_MISMATCH,
    what,
    expected,
    actual: row.version,
  });
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
      PricingErrorReason.PRICING_CURRENCY_MISMATCH,
    );
  }
}

/** Assumptions of a create input as exact decimals (Floats by their shortest decimal string), defaults filled in. */
export function inputAssumptions(input: ScenarioAssumptionsInput | null | undefined): Assumptions {
  const a: Assumptions = {
    annualPlanShare: exactDecimal(input?.annualPlanShare ?? 0),
    monthlyChurnRate: exactDecimal(input?.monthlyChurnRate ?? 0),
    horizonMonths: input?.horizonMonths ?? 12,
    rampMonths: input?.rampMonths ?? 0,
    monthlyExpansionRate: exactDecimal(input?.monthlyExpansionRate ?? 0),
  };
  assertRampWithinHorizon(a);
  return a;
}

const PATCHABLE = [
  'annualPlanShare',
  'monthlyChurnRate',
  'horizonMonths',
  'rampMonths',
  'monthlyExpansionRate',
] as const;

/** Stored assumptions with a patch over them: a value left out keeps its value; null is BAD_USER_INPUT. */
export function patchAssumptions(
  stored: Assumptions,
  patch: ScenarioAssumptionsPatch | null | undefined,
): Assumptions {
  if (patch === null)
    throw AppError.badInput(
      'assumptions',
      'assumptions cannot be null: leave it out to keep them, or send the values to change',
      PricingErrorReason.INVALID_VALUE,
    );
  for (const key of PATCHABLE) {
    if (patch?.[key] === null)
      throw AppError.badInput(
        `assumptions.${key}`,
        `${key} cannot be null: leave it out to keep its value`,
        PricingErrorReason.INVALID_VALUE,
      );
  }
  const rate = (value: number | null | undefined, kept: string) =>
    value == null ? kept : exactDecimal(value);
  const a: Assumptions = {
    annualPlanShare: rate(patch?.annualPlanShare, stored.annualPlanShare),
    monthlyChurnRate: rate(patch?.monthlyChurnRate, stored.monthlyChurnRate),
    horizonMonths: patch?.horizonMonths ?? stored.horizonMonths,
    rampMonths: patch?.rampMonths ?? stored.rampMonths ?? 0,
    monthlyExpansionRate: rate(patch?.monthlyExpansionRate, stored.monthlyExpansionRate ?? '0'),
  };
  const horizonMoved = patch?.horizonMonths != null && patch.rampMonths == null;
  assertRampWithinHorizon(a, horizonMoved ? 'assumptions.horizonMonths' : 'assumptions.rampMonths');
  return a;
}

/** BAD_USER_INPUT on `field` (the one the client moved) when the ramp outlasts the horizon. */
function assertRampWithinHorizon(
  a: Assumptions,
  field: 'assumptions.horizonMonths' | 'assumptions.rampMonths' = 'assumptions.rampMonths',
): void {
  if ((a.rampMonths ?? 0) > a.horizonMonths)
    throw AppError.badInput(
      field,
      `rampMonths (${a.rampMonths}) must be between 0 and horizonMonths (${a.horizonMonths})`,
      PricingErrorReason.INVALID_VALUE,
    );
}

/** The tier uuids of scenario lines, each at most once (BAD_USER_INPUT on `tiers.N.tierId`). */
function lineTierIds(inputs: readonly ScenarioTierInput[]): string[] {
  const uuids = inputs.map((line, i) =>
    fromGlobalId(line.tierId, 'PricingTier', `tiers.${i}.tierId`),
  );
  uuids.forEach((uuid, i) => {
    if (uuids.indexOf(uuid) !== i)
      throw AppError.badInput(
        `tiers.${i}.tierId`,
        'A scenario lists each tier at most once',
        PricingErrorReason.SCENARIO_TIER_NOT_ALLOWED,
      );
  });
  return uuids;
}

/** Each uuid a tier of the launch (BAD_USER_INPUT on `tiers.N.tierId` otherwise). One statement. */
async function assertLaunchTiers(
  manager: EntityManager,
  launchId: string,
  uuids: readonly string[],
): Promise<void> {
  if (uuids.length === 0) return;
  const found = await sql<{ id: string; launch_id: string }>(
    manager,
    'SELECT id, launch_id FROM pricing_tiers WHERE id = ANY($1::uuid[])',
    [uuids],
  );
  uuids.forEach((uuid, i) => {
    const tier = found.find((t) => t.id === uuid);
    if (!tier)
      throw AppError.badInput(
        `tiers.${i}.tierId`,
        'No pricing tier has this id',
        PricingErrorReason.UNKNOWN_ID,
      );
    if (tier.launch_id !== launchId)
      throw AppError.badInput(
        `tiers.${i}.tierId`,
        'A scenario can only list tiers of its own launch',
        PricingErrorReason.SCENARIO_TIER_NOT_ALLOWED,
      );
  });
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
  const uuids = lineTierIds(inputs);
  await assertLaunchTiers(manager, launchId, uuids);
  return inputs.map((line, i) => ({
    tierId: uuids[i],
    monthlyPriceCents: line.monthlyPriceCents ?? null,
    annualPriceCents: line.annualPriceCents ?? null,
    expectedCustomers: line.expectedCustomers,
    seatsPerCustomer: line.seatsPerCustomer ?? 1,
    annualPlanShare: line.annualPlanShare == null ? null : exactDecimal(line.annualPlanShare),
    monthlyChurnRate: line.monthlyChurnRate == null ? null : exactDecimal(line.monthlyChurnRate),
  }));
}

/** The lines a scenario lists now (to pin them again on an edit that does not replace them). */
export async function listedLines(
  manager: EntityManager,
  scenarioId: string,
): Promise<ScenarioLine[]> {
  const rows = await sqlEntities(
    manager,
    PricingScenarioTierRow,
    'SELECT * FROM pricing_scenario_tiers WHERE scenario_id = $1 AND listed',
    [scenarioId],
  );
  return rows.map((r) => ({
    tierId: r.tierId,
    monthlyPriceCents: r.monthlyPriceCents,
    annualPriceCents: r.annualPriceCents,
    expectedCustomers: r.expectedCustomers,
    seatsPerCustomer: r.seatsPerCustomer,
    annualPlanShare: r.annualPlanShare,
    monthlyChurnRate: r.monthlyChurnRate,
  }));
}

/** A price override on a GRADUATED or VOLUME tier is BAD_USER_INPUT on `field`. */
function assertNoBandedOverride(
  tiers: readonly PricingTier[],
  lines: readonly ScenarioLine[],
  field: (index: number, key: 'monthlyPriceCents' | 'annualPriceCents') => string,
): void {
  lines.forEach((line, i) => {
    const tier = tiers.find((t) => t.id === line.tierId);
    if (!tier || !isBanded(tier.billingModel)) return;
    for (const key of ['monthlyPriceCents', 'annualPriceCents'] as const) {
      if (line[key] !== null)
        throw AppError.badInput(
          field(i, key),
          `${tier.name} is ${tier.billingModel}: a scenario cannot override its price; change the tier's bands instead`,
          PricingErrorReason.SCENARIO_PRICE_OVERRIDE_NOT_ALLOWED,
        );
    }
  });
}

/** A projection beyond SafeInt is BAD_USER_INPUT on `blame`. */
function assertProjectable(
  tiers: readonly PricingTier[],
  lines: readonly ScenarioLine[],
  assumptions: Assumptions,
  blame: { field: string; scenario: string },
): void {
  try {
    projectRevenue(effectiveLines(tiers, lines), assumptions);
  } catch (error) {
    if (error instanceof ProjectionRangeError)
      throw AppError.badInput(
        blame.field,
        `${error.message} in scenario '${blame.scenario}'`,
        PricingErrorReason.PROJECTION_OUT_OF_RANGE,
      );
    throw error;
  }
}

/** The pin rows' columns as arrays, one element per tier (the INSERT unnests them). */
function pinColumns(tiers: readonly PricingTier[], lines: readonly ScenarioLine[]): unknown[] {
  const byTier = new Map(lines.map((l) => [l.tierId, l]));
  const rows = tiers.map((tier) => ({ tier, line: byTier.get(tier.id) }));
  return [
    rows.map((r) => r.tier.id),
    rows.map((r) => r.line !== undefined),
    rows.map((r) => r.line?.monthlyPriceCents ?? null),
    rows.map((r) => r.line?.annualPriceCents ?? null),
    rows.map((r) => r.line?.expectedCustomers ?? 0),
    rows.map((r) => r.line?.seatsPerCustomer ?? 1),
    rows.map((r) => r.line?.annualPlanShare ?? null),
    rows.map((r) => r.line?.monthlyChurnRate ?? null),
    rows.map((r) => r.tier.billingModel),
    rows.map((r) => r.tier.monthlyPriceCents),
    rows.map((r) => r.tier.annualPriceCents),
    rows.map((r) => (r.tier.priceTiers ? JSON.stringify(r.tier.priceTiers) : null)),
  ];
}

/**
 * Pins a scenario: one row per tier of the launch, the listed lines as given
 * and the others with 0 customers, each carrying the live tier as it is now.
 * A price override on a GRADUATED or VOLUME tier is BAD_USER_INPUT (`field`
 * names it), and so is a projection beyond SafeInt. Three statements.
 */
export async function pinScenario(
  manager: EntityManager,
  scenario: { id: string; launchId: string; name: string },
  lines: readonly ScenarioLine[],
  assumptions: Assumptions,
  field: (index: number, key: 'monthlyPriceCents' | 'annualPriceCents') => string,
  blame: string,
): Promise<void> {
  const tiers = await sqlEntities(
    manager,
    PricingTier,
    `SELECT * FROM pricing_tiers WHERE launch_id = $1 ORDER BY ${TIER_ORDER}`,
    [scenario.launchId],
  );
  assertNoBandedOverride(tiers, lines, field);
  assertProjectable(tiers, lines, assumptions, { field: blame, scenario: scenario.name });
  await manager.query('DELETE FROM pricing_scenario_tiers WHERE scenario_id = $1', [scenario.id]);
  if (tiers.length === 0) return;
  await manager.query(
    `INSERT INTO pricing_scenario_tiers (scenario_id, launch_id, tier_id, listed, monthly_price_cents, annual_price_cents,
       expected_customers, seats_per_customer, annual_plan_share, monthly_churn_rate,
       live_billing_model, live_monthly_price_cents, live_annual_price_cents, live_price_tiers)
     SELECT $1, $2, t, l, m, a, c, s, sh::numeric, ch::numeric, bm, lm, la, lp::jsonb
       FROM unnest($3::uuid[], $4::boolean[], $5::bigint[], $6::bigint[], $7::int[], $8::int[], $9::text[], $10::text[],
                   $11::text[], $12::bigint[], $13::bigint[], $14::text[]) AS x(t, l, m, a, c, s, sh, ch, bm, lm, la, lp)`,
    [scenario.id, scenario.launchId, ...pinColumns(tiers, lines)],
  );
}
