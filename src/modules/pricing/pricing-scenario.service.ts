import type { DataSource, EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities } from '../../core/db/sql';
import { inTransaction } from '../../core/db/transaction';
import { AppError } from '../../core/errors';
import { ActivityType, recordActivity } from '../activity-log';
import { toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import type { Launch } from '../launches/launch.entity';
import { lockLaunchOf } from '../launches/launches.service';
import type {
  ApplyPricingScenarioInput,
  CreatePricingScenarioInput,
  UpdatePricingScenarioInput,
} from './pricing.inputs';
import {
  assertProjectionsFit,
  inputAssumptions,
  lockScenario,
  resolveLines,
  writeLines,
} from './pricing-checks';
import { PricingScenario } from './pricing-scenario.entity';

const EDITABLE = ['name', 'notes', 'assumptions', 'tiers'] as const;

function record(
  manager: EntityManager,
  viewer: Viewer,
  scenario: PricingScenario,
  type: ActivityType,
  action: string,
): Promise<number> {
  return recordActivity(manager, {
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
        `INSERT INTO pricing_scenarios (launch_id, name, notes, annual_plan_share, monthly_churn_rate, horizon_months)
         VALUES ($1, $2, $3, $4::numeric, $5::numeric, $6) RETURNING *`,
        [
          launch.id,
          clean(input.name),
          input.notes ?? null,
          a.annualPlanShare,
          a.monthlyChurnRate,
          a.horizonMonths,
        ],
      );
      await writeLines(manager, scenario, lines, false);
      await assertProjectionsFit(
        manager,
        launch.id,
        (message) => AppError.badInput('tiers', message),
        scenario.id,
      );
      await record(
        manager,
        viewer,
        scenario,
        ActivityType.PRICING_SCENARIO_CHANGED,
        `created pricing scenario '${scenario.name}'`,
      );
      return scenario;
    });
  }

  /** Changes a scenario; given tiers replace all its lines, given assumptions all its assumptions. */
  update(viewer: Viewer, input: UpdatePricingScenarioInput): Promise<PricingScenario> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { scenario: current, launch } = await lockScenario(manager, input.id);
      access.assertCanEditLaunch(viewer, launch);
      if (input.name === null) throw AppError.badInput('name', 'name cannot be null');
      if (input.tiers === null)
        throw AppError.badInput('tiers', 'tiers cannot be null; pass [] to list none');
      const lines = input.tiers ? await resolveLines(manager, current.launchId, input.tiers) : null;
      const a = input.assumptions !== undefined ? inputAssumptions(input.assumptions) : null;
      const [scenario] = await sqlEntities(
        manager,
        PricingScenario,
        `UPDATE pricing_scenarios SET name = coalesce($3, name), notes = CASE WHEN $4::boolean THEN $5 ELSE notes END,
           annual_plan_share = coalesce($6::numeric, annual_plan_share), monthly_churn_rate = coalesce($7::numeric, monthly_churn_rate),
           horizon_months = coalesce($8::int, horizon_months), version = version + 1, updated_at = now()
         WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING *`,
        [
          current.id,
          input.expectedVersion ?? null,
          clean(input.name) ?? null,
          input.notes !== undefined,
          input.notes ?? null,
          a?.annualPlanShare ?? null,
          a?.monthlyChurnRate ?? null,
          a?.horizonMonths ?? null,
        ],
      );
      if (!scenario)
        throw AppError.conflict(
          'PricingScenario',
          input.expectedVersion as number,
          current.version,
        );
      if (lines) await writeLines(manager, scenario, lines, true);
      if (lines || a) {
        await assertProjectionsFit(
          manager,
          scenario.launchId,
          (message) => AppError.badInput(lines ? 'tiers' : 'assumptions', message),
          scenario.id,
        );
      }
      const changed = EDITABLE.filter((key) => input[key] !== undefined);
      await record(
        manager,
        viewer,
        scenario,
        ActivityType.PRICING_SCENARIO_CHANGED,
        `updated pricing scenario '${scenario.name}'${changed.length ? ` (${changed.join(', ')})` : ''}`,
      );
      return scenario;
    });
  }

  /**
   * Writes the scenario's prices into the live tiers, marks it APPLIED and
   * the previously applied one ARCHIVED, all in one transaction.
   */
  apply(
    viewer: Viewer,
    input: ApplyPricingScenarioInput,
  ): Promise<{ scenario: PricingScenario; launch: Launch }> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { scenario: current, launch } = await lockScenario(manager, input.id);
      access.assertCanApplyPricing(viewer, launch);
      if (input.expectedVersion != null && input.expectedVersion !== current.version) {
        throw AppError.conflict('PricingScenario', input.expectedVersion, current.version);
      }
      // The one-APPLIED-per-launch index is checked row by row: archive the old one first.
      await manager.query(
        `UPDATE pricing_scenarios SET status = 'ARCHIVED', version = version + 1, updated_at = now()
         WHERE launch_id = $1 AND status = 'APPLIED' AND id <> $2`,
        [launch.id, current.id],
      );
      const [scenario] = await sqlEntities(
        manager,
        PricingScenario,
        `UPDATE pricing_scenarios SET status = 'APPLIED', applied_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING *`,
        [current.id, input.expectedVersion ?? null],
      );
      if (!scenario)
        throw AppError.conflict(
          'PricingScenario',
          input.expectedVersion as number,
          current.version,
        );
      const repriced = await repriceTiers(manager, scenario.id);
      await assertProjectionsFit(manager, launch.id, (message) =>
        AppError.precondition(`Applying would push a projection out of range: ${message}`),
      );
      await record(
        manager,
        viewer,
        scenario,
        ActivityType.PRICING_SCENARIO_APPLIED,
        `applied pricing scenario '${scenario.name}' (${repriced} tier${repriced === 1 ? '' : 's'} repriced)`,
      );
      return { scenario, launch };
    });
  }
}

/** Writes the prices a scenario gives into its live tiers (their versions move on); returns how many tiers. */
async function repriceTiers(manager: EntityManager, scenarioId: string): Promise<number> {
  const rows = await sql<{ id: string }>(
    manager,
    `UPDATE pricing_tiers t SET monthly_price_cents = coalesce(l.monthly_price_cents, t.monthly_price_cents),
       annual_price_cents = coalesce(l.annual_price_cents, t.annual_price_cents), version = t.version + 1, updated_at = now()
     FROM pricing_scenario_tiers l
     WHERE l.scenario_id = $1 AND l.tier_id = t.id AND (l.monthly_price_cents IS NOT NULL OR l.annual_price_cents IS NOT NULL)
     RETURNING t.id`,
    [scenarioId],
  );
  return rows.length;
}
