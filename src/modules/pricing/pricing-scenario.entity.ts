import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { BillingModel, PricingScenarioStatus } from './pricing.enums';
import type { PriceBand } from './projection.rules';

@Entity({ name: 'pricing_scenarios' })
@Check('pricing_scenarios_name_check', 'length(btrim(name)) BETWEEN 1 AND 200')
@Check('pricing_scenarios_notes_check', 'length(notes) <= 10000')
@Check('pricing_scenarios_status_check', sqlIn('status', PricingScenarioStatus))
@Check('pricing_scenarios_check', `(status = 'DRAFT') = (applied_at IS NULL)`)
@Check('pricing_scenarios_annual_plan_share_check', 'annual_plan_share BETWEEN 0 AND 1')
@Check(
  'pricing_scenarios_monthly_churn_rate_check',
  'monthly_churn_rate >= 0 AND monthly_churn_rate < 1',
)
@Check(
  'pricing_scenarios_monthly_expansion_rate_check',
  'monthly_expansion_rate >= 0 AND monthly_expansion_rate < 1',
)
@Check('pricing_scenarios_horizon_months_check', 'horizon_months BETWEEN 1 AND 120')
@Check('pricing_scenarios_ramp_months_check', 'ramp_months BETWEEN 0 AND 120')
@Check('pricing_scenarios_ramp_within_horizon', 'ramp_months <= horizon_months')
@Unique('pricing_scenarios_id_launch_id_key', ['id', 'launchId'])
@Index('pricing_scenarios_one_applied_key', { synchronize: false }) // unique (launch_id) WHERE APPLIED
@Index('pricing_scenarios_launch_idx', ['launchId', 'createdAt', 'id'])
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'A what-if over the launch pricing: a frozen record of the prices of every tier (its overrides, else the live prices when it was created, edited or applied), expected customers and assumptions, with the projection they give.',
})
export class PricingScenario {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('Launch', {
    name: 'pricing_scenarios_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

  @Field(() => String, { description: 'Scenario name, e.g. "Raise Team 20 %".' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why this scenario, sources of the assumptions.',
  })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => PricingScenarioStatus, { description: 'DRAFT, APPLIED or ARCHIVED.' })
  @Column({ type: 'text', default: PricingScenarioStatus.DRAFT })
  status: PricingScenarioStatus;

  /** Exact decimals (PostgreSQL numeric, read as strings): never binary floats in the arithmetic. */
  @Column({ name: 'annual_plan_share', type: 'numeric', default: 0 })
  annualPlanShare: string;

  @Column({ name: 'monthly_churn_rate', type: 'numeric', default: 0 })
  monthlyChurnRate: string;

  @Column({ name: 'horizon_months', type: 'integer', default: 12 })
  horizonMonths: number;

  @Column({ name: 'ramp_months', type: 'integer', default: 0 })
  rampMonths: number;

  @Column({ name: 'monthly_expansion_rate', type: 'numeric', default: 0 })
  monthlyExpansionRate: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the scenario was last applied; null while it never was.',
  })
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Field(() => Int, {
    description:
      'Bumped by every change to the scenario (status included); pass it as expectedVersion.',
  })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Field(() => DateTimeScalar, { description: 'When the scenario was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the scenario last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One tier of a scenario (a child table, not a GraphQL type): one row per
 * tier of the launch when the scenario was last pinned. `listed` rows are the
 * lines as entered (null prices mean "the pinned live price"); the others
 * count with 0 customers. `live*` is the live tier at the last pin.
 */
@Entity({ name: 'pricing_scenario_tiers' })
@Check(
  'pricing_scenario_tiers_monthly_price_cents_check',
  'monthly_price_cents BETWEEN 0 AND 1000000000',
)
@Check(
  'pricing_scenario_tiers_annual_price_cents_check',
  'annual_price_cents BETWEEN 0 AND 1000000000',
)
@Check('pricing_scenario_tiers_expected_customers_check', 'expected_customers >= 0')
@Check('pricing_scenario_tiers_seats_per_customer_check', 'seats_per_customer >= 1')
@Check('pricing_scenario_tiers_annual_plan_share_check', 'annual_plan_share BETWEEN 0 AND 1')
@Check(
  'pricing_scenario_tiers_monthly_churn_rate_check',
  'monthly_churn_rate >= 0 AND monthly_churn_rate < 1',
)
@Check(
  'pricing_scenario_tiers_unlisted_check',
  'listed OR (expected_customers = 0 AND monthly_price_cents IS NULL AND annual_price_cents IS NULL)',
)
@Index('pricing_scenario_tiers_tier_id_idx', ['tierId'])
@Index('pricing_scenario_tiers_launch_id_idx', ['launchId'])
export class PricingScenarioTierRow {
  @PrimaryColumn({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @PrimaryColumn({ name: 'tier_id', type: 'uuid' })
  tierId: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('PricingScenario', {
    name: 'pricing_scenario_tiers_scenario_id_launch_id_fkey',
    columns: { scenario_id: 'id', launch_id: 'launchId' },
    onDelete: 'CASCADE',
  })
  readonly scenarioFk?: never;

  @ForeignKey('PricingTier', {
    name: 'pricing_scenario_tiers_tier_id_launch_id_fkey',
    columns: { tier_id: 'id', launch_id: 'launchId' },
    onDelete: 'CASCADE',
  })
  readonly tierFk?: never;

  @Column({ name: 'monthly_price_cents', type: 'bigint', nullable: true })
  monthlyPriceCents: number | null;

  @Column({ name: 'annual_price_cents', type: 'bigint', nullable: true })
  annualPriceCents: number | null;

  @Column({ name: 'expected_customers', type: 'integer' })
  expectedCustomers: number;

  @Column({ name: 'seats_per_customer', type: 'integer', default: 1 })
  seatsPerCustomer: number;

  @Column({ type: 'boolean' })
  listed: boolean;

  /** Exact decimals; null means the scenario's. */
  @Column({ name: 'annual_plan_share', type: 'numeric', nullable: true })
  annualPlanShare: string | null;

  @Column({ name: 'monthly_churn_rate', type: 'numeric', nullable: true })
  monthlyChurnRate: string | null;

  @Column({ name: 'live_billing_model', type: 'text' })
  liveBillingModel: BillingModel;

  @Column({ name: 'live_monthly_price_cents', type: 'bigint' })
  liveMonthlyPriceCents: number;

  @Column({ name: 'live_annual_price_cents', type: 'bigint', nullable: true })
  liveAnnualPriceCents: number | null;

  @Column({ name: 'live_price_tiers', type: 'jsonb', nullable: true })
  livePriceTiers: PriceBand[] | null;
}
