import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { SafeIntScalar } from '../../core/graphql/scalars';
import { Launch } from '../launches/launch.entity';
import { PricingScenario } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';

@ObjectType({ simpleResolvers: true, description: 'What a scenario assumes about its customers.' })
export class ScenarioAssumptions {
  @Field(() => Float, { description: 'Share of customers on annual plans, 0 to 1.' })
  annualPlanShare: number;

  @Field(() => Float, { description: 'Share of MRR lost each month, at least 0 and below 1.' })
  monthlyChurnRate: number;

  @Field(() => Int, { description: 'Months the horizon revenue covers, 1 to 120.' })
  horizonMonths: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One tier line of a scenario, with the effective prices (the override, else the live price).',
})
export class ScenarioTier {
  @Field(() => PricingTier, { description: 'The live tier.' })
  tier: PricingTier;

  @Field(() => Int, {
    description: "Effective monthly price in minor units: the scenario's, else the live tier's.",
  })
  monthlyPriceCents: number;

  @Field(() => SafeIntScalar, {
    description:
      "Effective annual price in minor units: the scenario's, else the live tier's, else 12 x the effective monthly price.",
  })
  annualPriceCents: number;

  @Field(() => Int, { description: 'Customers expected on this tier.' })
  expectedCustomers: number;

  @Field(() => Int, { description: 'Seats per customer (counted for PER_SEAT tiers only).' })
  seatsPerCustomer: number;
}

@ObjectType({ simpleResolvers: true, description: 'The projection of one live tier.' })
export class TierProjection {
  @Field(() => ID, { description: 'The tier (a PricingTier id).' })
  tierId: string;

  @Field(() => String, { description: 'The tier name.' })
  tierName: string;

  @Field(() => Int, {
    description: 'Customers expected on the tier (0 when the scenario does not list it).',
  })
  customerCount: number;

  @Field(() => SafeIntScalar, {
    description: 'round(customers x units x per-customer monthly price), in minor units.',
  })
  mrrCents: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Revenue projected from a scenario and the live tiers, computed exactly and rounded half away from zero to whole minor units.',
})
export class RevenueProjection {
  @Field(() => String, {
    nullable: true,
    description: "ISO 4217 code of the launch's tiers; null while the launch has no tier.",
  })
  currency: string | null;

  @Field(() => SafeIntScalar, { description: 'Customers across all tiers.' })
  customerCount: number;

  @Field(() => SafeIntScalar, {
    description: 'Monthly recurring revenue: the sum of the tier MRRs.',
  })
  mrrCents: number;

  @Field(() => SafeIntScalar, { description: 'Annual recurring revenue: 12 x MRR.' })
  arrCents: number;

  @Field(() => SafeIntScalar, {
    description: 'Average revenue per customer: round(MRR / customers), 0 without customers.',
  })
  arpuCents: number;

  @Field(() => Int, { description: 'Months the horizon revenue covers.' })
  horizonMonths: number;

  @Field(() => SafeIntScalar, {
    description: 'round(sum over m = 0..H-1 of MRR x (1 - monthly churn)^m).',
  })
  horizonRevenueCents: number;

  @Field(() => [TierProjection], {
    description: 'Every live tier of the launch, in position order.',
  })
  byTier: TierProjection[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One scenario of a comparison, against the baseline.',
})
export class PricingComparisonRow {
  @Field(() => PricingScenario, { description: 'The scenario.' })
  scenario: PricingScenario;

  @Field(() => RevenueProjection, { description: 'Its projection.' })
  projection: RevenueProjection;

  @Field(() => SafeIntScalar, { description: 'This MRR minus the baseline MRR, in minor units.' })
  mrrDeltaCents: number;

  @Field(() => Float, {
    nullable: true,
    description:
      '100 x delta / baseline MRR, rounded half away from zero to 2 decimals; null when the baseline MRR is 0.',
  })
  mrrDeltaPercent: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Scenarios side by side, in the order asked.' })
export class PricingComparison {
  @Field(() => PricingScenario, {
    description: 'The scenario the deltas are against: baselineId, else the first id.',
  })
  baseline: PricingScenario;

  @Field(() => [PricingComparisonRow], { description: 'One row per id asked, in that order.' })
  rows: PricingComparisonRow[];
}

@ObjectType({ simpleResolvers: true, description: 'The result of a pricing tier mutation.' })
export class PricingTierPayload {
  @Field(() => PricingTier, { description: 'The tier as committed.' })
  pricingTier: PricingTier;
}

@ObjectType({ simpleResolvers: true, description: 'The result of deletePricingTier.' })
export class DeletePricingTierPayload {
  @Field(() => ID, { description: 'The id of the deleted tier.' })
  deletedPricingTierId: string;
}

@ObjectType({ simpleResolvers: true, description: 'The result of a pricing scenario mutation.' })
export class PricingScenarioPayload {
  @Field(() => PricingScenario, { description: 'The scenario as committed.' })
  pricingScenario: PricingScenario;
}

@ObjectType({ simpleResolvers: true, description: 'The result of applyPricingScenario.' })
export class ApplyPricingScenarioPayload {
  @Field(() => PricingScenario, { description: 'The scenario, now APPLIED.' })
  pricingScenario: PricingScenario;

  @Field(() => Launch, {
    description: 'The launch, whose pricingTiers now carry the scenario prices.',
  })
  launch: Launch;
}
