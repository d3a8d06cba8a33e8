import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { BillingModel } from './pricing.enums';
import type { PriceBand } from './projection';

@Entity({ name: 'pricing_tiers' })
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'A live pricing tier of a launch (one column of the pricing page). Money is in minor units of `currency`.',
})
export class PricingTier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @Field(() => String, {
    description: 'Tier name, unique within the launch regardless of case (e.g. "Team").',
  })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Who the tier is for.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => BillingModel, {
    description: 'FLAT per account, PER_SEAT, or per seat by bands (GRADUATED, VOLUME).',
  })
  @Column({ name: 'billing_model', type: 'text' })
  billingModel: BillingModel;

  @Field(() => String, {
    description: 'ISO 4217 currency code, upper case; the same for every tier of the launch.',
  })
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Int, {
    description:
      'Monthly price in minor units (per account, per seat for PER_SEAT; GRADUATED and VOLUME: the price of one seat by the bands).',
  })
  @Column({ name: 'monthly_price_cents', type: 'bigint' })
  monthlyPriceCents: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Price of a year paid up front, in minor units; null means 12 x the monthly price.',
  })
  @Column({ name: 'annual_price_cents', type: 'bigint', nullable: true })
  annualPriceCents: number | null;

  /** GRADUATED and VOLUME: the bands, rising upTo, the last unbounded; null otherwise. */
  @Column({ name: 'price_tiers', type: 'jsonb', nullable: true })
  priceTiers: PriceBand[] | null;

  @Field(() => [String], { description: 'Feature bullets shown on the pricing page, in order.' })
  @Column({ type: 'text', array: true })
  features: string[];

  @Field(() => Int, { description: 'Order on the pricing page, lowest first.' })
  @Column({ type: 'integer' })
  position: number;

  @Field(() => Int, {
    description:
      'Bumped by every change to the tier (applying a scenario included); pass it as expectedVersion.',
  })
  @Column({ type: 'integer' })
  version: number;

  @Field(() => DateTimeScalar, { description: 'When the tier was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the tier last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
