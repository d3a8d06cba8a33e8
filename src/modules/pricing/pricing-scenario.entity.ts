import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { BillingModel, PricingScenarioStatus } from './pricing.enums';
import type { PriceBand } from './projection';

@Entity({ name: 'pricing_scenarios' })
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
  @Column({ type: 'text' })
  status: PricingScenarioStatus;

  /** Exact decimals (PostgreSQL numeric, read as strings): never binary floats in the arithmetic. */
  @Column({ name: 'annual_plan_share', type: 'numeric' })
  annualPlanShare: string;

  @Column({ name: 'monthly_churn_rate', type: 'numeric' })
  monthlyChurnRate: string;

  @Column({ name: 'horizon_months', type: 'integer' })
  horizonMonths: number;

  @Column({ name: 'ramp_months', type: 'integer' })
  rampMonths: number;

  @Column({ name: 'monthly_expansion_rate', type: 'numeric' })
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
  @Column({ type: 'integer' })
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
export class PricingScenarioTierRow {
  @PrimaryColumn({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @PrimaryColumn({ name: 'tier_id', type: 'uuid' })
  tierId: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @Column({ name: 'monthly_price_cents', type: 'bigint', nullable: true })
  monthlyPriceCents: number | null;

  @Column({ name: 'annual_price_cents', type: 'bigint', nullable: true })
  annualPriceCents: number | null;

  @Column({ name: 'expected_customers', type: 'integer' })
  expectedCustomers: number;

  @Column({ name: 'seats_per_customer', type: 'integer' })
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
