import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SafeIntScalar } from '../../core/graphql/scalars';
import { Launch } from '../launches';
import { PricingScenario } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';
import { PricingWarningCode } from './price-models.rules';
import type { Assumptions, EffectiveLine } from './projection.rules';

registerEnumType(PricingWarningCode, {
  name: 'PricingWarningCode',
  description: 'What a pricing warning is about.',
  valuesConfig: {
    ANNUAL_ABOVE_TWELVE_MONTHLY: {
      description: 'An annual price above 12 x the monthly price: annual plans would cost more.',
    },
    BELOW_LOWER_TIER: {
      description: 'A monthly price below that of the next lower tier on the pricing page.',
    },
    HIGH_CHURN: { description: 'A monthly churn rate above 10 %.' },
  },
});

@ObjectType({
  description:
    'Something a PMM may intend but should see (never an error): the write went through.',
})
export class PricingWarning {
  @Field(() => PricingWarningCode, { description: 'What the warning is about.' })
  code: PricingWarningCode;

  @Field(() => ID, {
    nullable: true,
    description: 'The tier it is about (a PricingTier id); null for the whole scenario.',
  })
  tierId: string | null;

  @Field(() => String, { description: 'The warning, for a person.' })
  message: string;
}

@ObjectType({
  description:
    "One band of a GRADUATED or VOLUME tier (Stripe's tiers), in rising upTo, the last unbounded.",
})
export class PriceTier {
  @Field(() => Int, {
    nullable: true,
    description: 'Last seat count of the band; null for the last band.',
  })
  upTo: number | null;

  @Field(() => Int, { description: 'Price of each seat in the band, in minor units.' })
  unitAmountCents: number;

  @Field(() => Int, { description: 'Amount added once when the band is reached, in minor units.' })
  flatAmountCents: number;
}

@ObjectType({ description: 'One month of a projection.' })
export class MonthProjection {
  @Field(() => Int, { description: 'Month 1 .. horizonMonths (month 1 is m = 0).' })
  month: number;

  @Field(() => SafeIntScalar, {
    description: "The month's customers over all tiers, rounded half away from zero.",
  })
  customerCount: number;

  @Field(() => SafeIntScalar, {
    description:
      "The month's revenue over all tiers (ramp, churn and expansion applied), rounded once; the months may differ from horizonRevenueCents by the rounding.",
  })
  mrrCents: number;
}

@ObjectType({ simpleResolvers: true, description: 'What a scenario assumes about its customers.' })
export class ScenarioAssumptions {
  @Field(() => Float, { description: 'Share of customers on annual plans, 0 to 1.' })
  annualPlanShare: number;

  @Field(() => Float, { description: 'Share of MRR lost each month, at least 0 and below 1.' })
  monthlyChurnRate: number;

  @Field(() => Int, { description: 'Months the horizon revenue covers, 1 to 120.' })
  horizonMonths: number;

  @Field(() => Int, {
    description: 'Months until every expected customer is active, 0 to horizonMonths.',
  })
  rampMonths: number;

  @Field(() => Float, {
    description: "Monthly growth of the remaining customers' MRR, at least 0 and below 1.",
  })
  monthlyExpansionRate: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One tier line of a scenario, with the prices it pinned (its override, else the live price when it was last created, edited or applied).',
})
export class ScenarioTier {
  @Field(() => PricingTier, { description: 'The live tier.' })
  tier: PricingTier;

  @Field(() => Int, {
    description:
      "Pinned monthly price in minor units: the scenario's, else the live tier's when it was pinned.",
  })
  monthlyPriceCents: number;

  @Field(() => SafeIntScalar, {
    description:
      "Pinned annual price in minor units: the scenario's, else the live tier's when it was pinned, else 12 x the pinned monthly price.",
  })
  annualPriceCents: number;

  @Field(() => Int, { description: 'Customers expected on this tier.' })
  expectedCustomers: number;

  @Field(() => Int, {
    description: 'Seats per customer (counted for PER_SEAT, GRADUATED and VOLUME tiers).',
  })
  seatsPerCustomer: number;

  @Field(() => Float, {
    nullable: true,
    description: "This tier's own annual plan share; null when it uses the scenario's.",
  })
  annualPlanShare: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "This tier's own monthly churn rate; null when it uses the scenario's.",
  })
  monthlyChurnRate: number | null;
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
    "Revenue projected from a scenario's pinned prices and assumptions, computed exactly and rounded half away from zero to whole minor units.",
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
    description:
      'round(sum over m = 0..H-1 and tiers of tier MRR x active share x (1 - tier churn)^m x (1 + expansion)^m), rounded once at the end.',
  })
  horizonRevenueCents: number;

  @Field(() => [TierProjection], {
    description: 'Every tier the scenario pinned, in position order.',
  })
  byTier: TierProjection[];

  /** What `monthly` is computed from, on demand (not a GraphQL field). */
  source?: { lines: readonly EffectiveLine[]; assumptions: Assumptions };
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

  @Field(() => SafeIntScalar, { description: 'This ARR minus the baseline ARR, in minor units.' })
  arrDeltaCents: number;

  @Field(() => SafeIntScalar, { description: 'This ARPU minus the baseline ARPU, in minor units.' })
  arpuDeltaCents: number;

  @Field(() => SafeIntScalar, { description: 'These customers minus the baseline customers.' })
  customerDelta: number;

  @Field(() => SafeIntScalar, {
    description: 'This horizon revenue minus the baseline horizon revenue, in minor units.',
  })
  horizonRevenueDeltaCents: number;

  @Field(() => Float, {
    nullable: true,
    description:
      '100 x horizon revenue delta / baseline horizon revenue, rounded half away from zero to 2 decimals; null when the baseline horizon revenue is 0.',
  })
  horizonRevenueDeltaPercent: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '100 x (1 - baseline MRR / this MRR), rounded half away from zero to 2 decimals; null when this MRR is 0: the share of its customers this scenario can lose and still match the baseline MRR (negative: it needs more).',
  })
  breakEvenCustomerLossPercent: number | null;
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
