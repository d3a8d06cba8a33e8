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
import { PricingScenarioStatus } from './pricing.enums';

@Entity({ name: 'pricing_scenarios' })
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'A what-if over the launch pricing: price overrides, expected customers and assumptions, with a projection computed from the live tiers at read time.',
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
 * One tier line of a scenario, as entered (a child table, not a GraphQL
 * type): null prices mean "the live tier's".
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
}
