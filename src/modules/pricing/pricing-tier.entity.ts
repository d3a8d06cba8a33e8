import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { BillingModel } from './pricing.enums';
import type { PriceBand } from './projection.rules';

@Entity({ name: 'pricing_tiers' })
@Check('pricing_tiers_name_check', 'length(btrim(name)) BETWEEN 1 AND 200')
@Check('pricing_tiers_description_check', 'length(description) <= 10000')
@Check('pricing_tiers_billing_model_check', sqlIn('billing_model', BillingModel))
@Check(
  'pricing_tiers_price_tiers_check',
  `(billing_model IN ('GRADUATED','VOLUME')) = (price_tiers IS NOT NULL)`,
)
@Check('pricing_tiers_currency_check', `currency ~ '^[A-Z]{3}$'`)
@Check('pricing_tiers_monthly_price_cents_check', 'monthly_price_cents BETWEEN 0 AND 1000000000')
@Check('pricing_tiers_annual_price_cents_check', 'annual_price_cents BETWEEN 0 AND 1000000000')
@Check('pricing_tiers_features_check', 'cardinality(features) <= 100')
@Check('pricing_tiers_position_check', 'position >= 0')
@Unique('pricing_tiers_id_launch_id_key', ['id', 'launchId'])
@Index('pricing_tiers_launch_name_key', { synchronize: false }) // unique (launch_id, lower(name))
@Index('pricing_tiers_launch_position_idx', ['launchId', 'position', 'createdAt', 'id'])
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

  @ForeignKey('Launch', {
    name: 'pricing_tiers_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

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
  @Column({ type: 'text', array: true, default: [] })
  features: string[];

  @Field(() => Int, { description: 'Order on the pricing page, lowest first.' })
  @Column({ type: 'integer' })
  position: number;

  @Field(() => Int, {
    description:
      'Bumped by every change to the tier (applying a scenario included); pass it as expectedVersion.',
  })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Field(() => DateTimeScalar, { description: 'When the tier was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the tier last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
