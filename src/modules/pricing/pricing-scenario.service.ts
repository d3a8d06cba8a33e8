import type { DataSource, EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities } from '../../core/db/sql';
import { inTransaction } from '../../core/db/transaction';
import { AppError } from '../../core/errors';
import { ActivityType, recordActivity, type FieldChange } from '../activity-log';
import { closeDeliverableTasks, TaskCompletion } from '../checklist';
import { markStale, StaleReason } from '../readiness';
import { toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { type Launch, lockLaunchOf } from '../launches';
import type {
  ApplyPricingScenarioInput,
  CreatePricingScenarioInput,
  UpdatePricingScenarioInput,
} from './pricing.inputs';
import {
  inputAssumptions,
  listedLines,
  lockScenario,
  patchAssumptions,
  pinScenario,
  resolveLines,
  assertPricingVersion,
} from './pricing-checks.service';
import { storedAssumptions } from './pricing-read.service';
import { PricingScenario } from './pricing-scenario.entity';
import { linesReplaced, scenarioCreated, scenarioUpdated } from './pricing-changes.rules';
import { PricingErrorReason } from './pricing.errors';
import type { Assumptions } from './projection.rules';

const EDITABLE = ['name', 'notes', 'assumptions', 'tiers'] as const;

function recordScenarioChange(
  manager: EntityManager,
  viewer: Viewer,
  scenario: PricingScenario,
  type: ActivityType,
  action: string,
  options: { checklist?: boolean; changes: FieldChange[] },
): Promise<number> {
  return recordActivity(manager, {
    checklist: options.checklist ?? false,
    changes: options.changes,
    launchId: scenario.launchId,
    type,
    viewer,
    subjectId: toGlobalId('PricingScenario', scenario.id),
    action,
  });
}

/** Pricing scenario writes: create, update, apply. */
export class PricingScenarioService {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a DRAFT scenario with its tier lines. */
  create(viewer: Viewer, input: CreatePricingScenarioInput): Promise<PricingScenario> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchOf(manager, input.launchId);
      access.assertCanEditLaunch(viewer, launch);
      const lines = await resolveLines(manager, launch.id, input.tiers);
      const a = inputAssumptions(input.assumptions);
      const [scenario] = await sqlEntities(
        manager,
        PricingScenario,
        `INSERT INTO pricing_scenarios (launch_id, name, notes, annual_plan_share, monthly_churn_rate, horizon_months,
           ramp_months, monthly_expansion_rate)
         VALUES ($1, $2, $3, $4::numeric, $5::numeric, $6, $7, $8::numeric) RETURNING *`,
        [launch.id, clean(input.name), input.notes ?? null, ...assumptionColumns(a)],
      );
      await pinScenario(manager, scenario, lines, a, (i, key) => `tiers.${i}.${key}`, 'tiers');
      await recordScenarioChange(
        manager,
        viewer,
        scenario,
        ActivityType.PRICING_SCENARIO_CHANGED,
        `created pricing scenario '${scenario.name}'`,
        { changes: [...scenarioCreated(scenario), ...linesReplaced(0, lines.length)] },
      );
      return scenario;
    });
  }

  /**
   * Changes a scenario: a field left out keeps its value (given tiers replace
   * all its lines), and the prices are pinned again at today's live prices.
   */
  update(viewer: Viewer, input: UpdatePricingScenarioInput): Promise<PricingScenario> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const locked = await lockScenario(manager, input.id);
      const current = locked.scenario;
      access.assertCanEditLaunch(viewer, locked.launch);
      assertScenarioPatch(input);
      const given = input.tiers ? await resolveLines(manager, current.launchId, input.tiers) : null;
      const a = patchAssumptions(storedAssumptions(current), input.assumptions);
      assertPricingVersion('PricingScenario', current, input.expectedVersion);
      const scenario = await updateScenarioRow(manager, current.id, input, a);
      await pinScenario(
        manager,
        scenario,
        given ?? (await listedLines(manager, scenario.id)),
        a,
        (i, key) => (given ? `tiers.${i}.${key}` : 'tiers'),
        given ? 'tiers' : input.assumptions !== undefined ? 'assumptions' : 'tiers',
      );
      const changed = EDITABLE.filter((key) => input[key] !== undefined);
      const replaced = given ? linesReplaced(locked.listedLines, given.length) : [];
      await recordScenarioChange(
        manager,
        viewer,
        scenario,
        ActivityType.PRICING_SCENARIO_CHANGED,
        `updated pricing scenario '${scenario.name}'${changed.length ? ` (${changed.join(', ')})` : ''}`,
        { changes: [...scenarioUpdated(current, scenario), ...replaced] },
      );
      return scenario;
    });
  }

  /**
   * Writes the scenario's pinned prices into the live tiers (so applying an
   * older scenario again rolls them back), marks it APPLIED and the
   * previously applied one ARCHIVED, all in one transaction.
   */
  apply(
    viewer: Viewer,
    input: ApplyPricingScenarioInput,
  ): Promise<{ scenario: PricingScenario; launch: Launch }> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { scenario: current, launch } = await lockScenario(manager, input.id);
      access.assertCanApplyPricing(viewer, launch);
      assertPricingVersion('PricingScenario', current, input.expectedVersion);
      const scenario = await markApplied(manager, current);
      const repriced = await repriceTiers(manager, scenario.id);
      await repin(manager, scenario);
      const stale =
        repriced > 0 && (await markStale(manager, launch.id, StaleReason.PRICE_CHANGED));
      await recordScenarioChange(
        manager,
        viewer,
        scenario,
        ActivityType.PRICING_SCENARIO_APPLIED,
        `applied pricing scenario '${scenario.name}' (${repriced} tier${repriced === 1 ? '' : 's'} repriced)`,
        { checklist: stale, changes: scenarioUpdated(current, scenario) },
      );
      await closeDeliverableTasks(
        manager,
        viewer,
        launch.id,
        TaskCompletion.PRICING_SCENARIO_APPLIED,
      );
      return { scenario, launch };
    });
  }
}

/** A scenario's assumption columns, in the order its INSERT and UPDATE list them. */
function assumptionColumns(a: Assumptions): unknown[] {
  return [
    a.annualPlanShare,
    a.monthlyChurnRate,
    a.horizonMonths,
    a.rampMonths,
    a.monthlyExpansionRate,
  ];
}

/** name and tiers may be left out, not nulled. */
function assertScenarioPatch(input: UpdatePricingScenarioInput): void {
  if (input.name === null)
    throw AppError.badInput('name', 'name cannot be null', PricingErrorReason.INVALID_VALUE);
  if (input.tiers === null)
    throw AppError.badInput(
      'tiers',
      'tiers cannot be null; pass [] to list none',
      PricingErrorReason.INVALID_VALUE,
    );
}

/** Writes a scenario's own fields (a field left out keeps its value) and moves its version on. */
async function updateScenarioRow(
  manager: EntityManager,
  id: string,
  input: UpdatePricingScenarioInput,
  a: Assumptions,
): Promise<PricingScenario> {
  const [scenario] = await sqlEntities(
    manager,
    PricingScenario,
    `UPDATE pricing_scenarios SET name = coalesce($2, name), notes = CASE WHEN $3::boolean THEN $4 ELSE notes END,
       annual_plan_share = $5::numeric, monthly_churn_rate = $6::numeric, horizon_months = $7::int,
       ramp_months = $8::int, monthly_expansion_rate = $9::numeric, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [
      id,
      clean(input.name) ?? null,
      input.notes !== undefined,
      input.notes ?? null,
      ...assumptionColumns(a),
    ],
  );
  return scenario;
}

/** The scenario APPLIED, the launch's previously applied one ARCHIVED first (the index checks row by row). */
async function markApplied(
  manager: EntityManager,
  current: PricingScenario,
): Promise<PricingScenario> {
  await manager.query(
    `UPDATE pricing_scenarios SET status = 'ARCHIVED', version = version + 1, updated_at = now()
     WHERE launch_id = $1 AND status = 'APPLIED' AND id <> $2`,
    [current.launchId, current.id],
  );
  const [scenario] = await sqlEntities(
    manager,
    PricingScenario,
    `UPDATE pricing_scenarios SET status = 'APPLIED', applied_at = now(), version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [current.id],
  );
  return scenario;
}

/**
 * Writes a scenario's pinned prices into the live tiers: billing model,
 * bands, monthly price, and the annual price (one that was implicit, 12 x
 * monthly, stays unset). Only tiers that differ change (their versions move
 * on); returns how many.
 */
async function repriceTiers(manager: EntityManager, scenarioId: string): Promise<number> {
  const rows = await sql<{ id: string }>(
    manager,
    `WITH pinned AS (
       SELECT tier_id, live_billing_model AS billing_model, live_price_tiers AS price_tiers,
              coalesce(monthly_price_cents, live_monthly_price_cents) AS monthly,
              coalesce(annual_price_cents, live_annual_price_cents) AS annual
         FROM pricing_scenario_tiers WHERE scenario_id = $1)
     UPDATE pricing_tiers t SET billing_model = p.billing_model, price_tiers = p.price_tiers,
       monthly_price_cents = p.monthly, annual_price_cents = p.annual, version = t.version + 1, updated_at = now()
     FROM pinned p
     WHERE p.tier_id = t.id
       AND (t.billing_model, t.price_tiers, t.monthly_price_cents, t.annual_price_cents)
           IS DISTINCT FROM (p.billing_model, p.price_tiers, p.monthly, p.annual)
     RETURNING t.id`,
    [scenarioId],
  );
  return rows.length;
}

/**
 * After applying, the scenario is pinned against the live tiers as they now
 * are (its effective prices do not change): tiers created since it was last
 * pinned join it with 0 customers, so liveDrift is false.
 */
async function repin(
  manager: EntityManager,
  scenario: { id: string; launchId: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO pricing_scenario_tiers AS l (scenario_id, launch_id, tier_id, listed, expected_customers, seats_per_customer,
       live_billing_model, live_monthly_price_cents, live_annual_price_cents, live_price_tiers)
     SELECT $1, t.launch_id, t.id, false, 0, 1, t.billing_model, t.monthly_price_cents, t.annual_price_cents, t.price_tiers
       FROM pricing_tiers t WHERE t.launch_id = $2
     ON CONFLICT (scenario_id, tier_id) DO UPDATE SET live_billing_model = excluded.live_billing_model,
       live_monthly_price_cents = excluded.live_monthly_price_cents,
       live_annual_price_cents = excluded.live_annual_price_cents, live_price_tiers = excluded.live_price_tiers`,
    [scenario.id, scenario.launchId],
  );
}
