import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: frozen scenarios and richer pricing.
 * - Tiers may be GRADUATED or VOLUME, priced by `price_tiers` bands (jsonb,
 *   validated by the API: rising upTo, the last unbounded).
 * - Scenarios gain a ramp and an expansion rate; lines gain their own annual
 *   share and churn rate.
 * - A scenario pins every tier: one line per tier of the launch (`listed`
 *   false for tiers it does not list, with 0 customers), carrying the live
 *   tier as it was at the last pin (`live_*`). The effective price is the
 *   line's override, else that pinned live price, so later changes to the
 *   live tiers no longer move the projection. Existing scenarios are pinned
 *   at today's live prices.
 */
export class FrozenPricing1764213000000 implements MigrationInterface {
  name = 'FrozenPricing1764213000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE pricing_tiers DROP CONSTRAINT IF EXISTS pricing_tiers_billing_model_check`,
    );
    await q.query(`
      ALTER TABLE pricing_tiers
        ADD CONSTRAINT pricing_tiers_billing_model_check
          CHECK (billing_model IN ('FLAT','PER_SEAT','GRADUATED','VOLUME')),
        ADD COLUMN price_tiers jsonb,
        ADD CONSTRAINT pricing_tiers_price_tiers_check
          CHECK ((billing_model IN ('GRADUATED','VOLUME')) = (price_tiers IS NOT NULL))`);
    await q.query(`
      ALTER TABLE pricing_scenarios
        ADD COLUMN ramp_months integer NOT NULL DEFAULT 0 CHECK (ramp_months BETWEEN 0 AND 120),
        ADD COLUMN monthly_expansion_rate numeric NOT NULL DEFAULT 0
          CHECK (monthly_expansion_rate >= 0 AND monthly_expansion_rate < 1),
        ADD CONSTRAINT pricing_scenarios_ramp_within_horizon CHECK (ramp_months <= horizon_months)`);
    await q.query(`
      ALTER TABLE pricing_scenario_tiers
        ADD COLUMN listed boolean NOT NULL DEFAULT true,
        ADD COLUMN annual_plan_share numeric CHECK (annual_plan_share BETWEEN 0 AND 1),
        ADD COLUMN monthly_churn_rate numeric CHECK (monthly_churn_rate >= 0 AND monthly_churn_rate < 1),
        ADD COLUMN live_billing_model text,
        ADD COLUMN live_monthly_price_cents bigint,
        ADD COLUMN live_annual_price_cents bigint,
        ADD COLUMN live_price_tiers jsonb`);
    await q.query(`
      UPDATE pricing_scenario_tiers l
         SET live_billing_model = t.billing_model, live_monthly_price_cents = t.monthly_price_cents,
             live_annual_price_cents = t.annual_price_cents, live_price_tiers = t.price_tiers
        FROM pricing_tiers t WHERE t.id = l.tier_id`);
    await q.query(`
      INSERT INTO pricing_scenario_tiers (scenario_id, tier_id, launch_id, expected_customers, seats_per_customer,
          listed, live_billing_model, live_monthly_price_cents, live_annual_price_cents, live_price_tiers)
      SELECT s.id, t.id, s.launch_id, 0, 1, false, t.billing_model, t.monthly_price_cents, t.annual_price_cents, t.price_tiers
        FROM pricing_scenarios s JOIN pricing_tiers t ON t.launch_id = s.launch_id
      ON CONFLICT (scenario_id, tier_id) DO NOTHING`);
    await q.query(`
      ALTER TABLE pricing_scenario_tiers
        ALTER COLUMN live_billing_model SET NOT NULL,
        ALTER COLUMN live_monthly_price_cents SET NOT NULL,
        ALTER COLUMN listed DROP DEFAULT,
        ADD CONSTRAINT pricing_scenario_tiers_unlisted_check
          CHECK (listed OR (expected_customers = 0 AND monthly_price_cents IS NULL AND annual_price_cents IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM pricing_scenario_tiers WHERE NOT listed`);
    await q.query(`
      ALTER TABLE pricing_scenario_tiers
        DROP CONSTRAINT pricing_scenario_tiers_unlisted_check,
        DROP COLUMN listed, DROP COLUMN annual_plan_share, DROP COLUMN monthly_churn_rate,
        DROP COLUMN live_billing_model, DROP COLUMN live_monthly_price_cents,
        DROP COLUMN live_annual_price_cents, DROP COLUMN live_price_tiers`);
    await q.query(`
      ALTER TABLE pricing_scenarios DROP CONSTRAINT pricing_scenarios_ramp_within_horizon,
        DROP COLUMN ramp_months, DROP COLUMN monthly_expansion_rate`);
    await q.query(`DELETE FROM pricing_tiers WHERE billing_model IN ('GRADUATED','VOLUME')`);
    await q.query(`
      ALTER TABLE pricing_tiers DROP CONSTRAINT pricing_tiers_price_tiers_check,
        DROP CONSTRAINT pricing_tiers_billing_model_check, DROP COLUMN price_tiers,
        ADD CONSTRAINT pricing_tiers_billing_model_check CHECK (billing_model IN ('FLAT','PER_SEAT'))`);
  }
}
