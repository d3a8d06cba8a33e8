import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pricing tiers and scenarios. Money is bigint minor units beside a char(3)
 * ISO 4217 code; scenario assumptions are exact numerics. Scenario lines are
 * a child table whose composite foreign keys keep every line inside the
 * scenario's own launch.
 */
export class Pricing1764180000000 implements MigrationInterface {
  name = 'Pricing1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pricing_tiers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 10000),
        billing_model text NOT NULL CHECK (billing_model IN ('FLAT','PER_SEAT')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        monthly_price_cents bigint NOT NULL CHECK (monthly_price_cents BETWEEN 0 AND 1000000000),
        annual_price_cents bigint CHECK (annual_price_cents BETWEEN 0 AND 1000000000),
        features text[] NOT NULL DEFAULT '{}' CHECK (cardinality(features) <= 100),
        position integer NOT NULL CHECK (position >= 0),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id, launch_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX pricing_tiers_launch_name_key ON pricing_tiers (launch_id, lower(name))`,
    );
    await q.query(
      `CREATE INDEX pricing_tiers_launch_position_idx ON pricing_tiers (launch_id, position, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE pricing_scenarios (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        notes text CHECK (length(notes) <= 10000),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','APPLIED','ARCHIVED')),
        annual_plan_share numeric NOT NULL DEFAULT 0 CHECK (annual_plan_share BETWEEN 0 AND 1),
        monthly_churn_rate numeric NOT NULL DEFAULT 0 CHECK (monthly_churn_rate >= 0 AND monthly_churn_rate < 1),
        horizon_months integer NOT NULL DEFAULT 12 CHECK (horizon_months BETWEEN 1 AND 120),
        applied_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id, launch_id),
        CHECK ((status = 'DRAFT') = (applied_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX pricing_scenarios_one_applied_key ON pricing_scenarios (launch_id) WHERE status = 'APPLIED'`,
    );
    await q.query(
      `CREATE INDEX pricing_scenarios_launch_idx ON pricing_scenarios (launch_id, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE pricing_scenario_tiers (
        scenario_id uuid NOT NULL,
        tier_id uuid NOT NULL,
        launch_id uuid NOT NULL,
        monthly_price_cents bigint CHECK (monthly_price_cents BETWEEN 0 AND 1000000000),
        annual_price_cents bigint CHECK (annual_price_cents BETWEEN 0 AND 1000000000),
        expected_customers integer NOT NULL CHECK (expected_customers >= 0),
        seats_per_customer integer NOT NULL DEFAULT 1 CHECK (seats_per_customer >= 1),
        PRIMARY KEY (scenario_id, tier_id),
        FOREIGN KEY (scenario_id, launch_id) REFERENCES pricing_scenarios (id, launch_id) ON DELETE CASCADE,
        FOREIGN KEY (tier_id, launch_id) REFERENCES pricing_tiers (id, launch_id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX pricing_scenario_tiers_tier_id_idx ON pricing_scenario_tiers (tier_id)`,
    );
    await q.query(
      `CREATE INDEX pricing_scenario_tiers_launch_id_idx ON pricing_scenario_tiers (launch_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pricing_scenario_tiers`);
    await q.query(`DROP TABLE pricing_scenarios`);
    await q.query(`DROP TABLE pricing_tiers`);
  }
}
