import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsName, IsShortList, IsText } from '../../core/graphql/validators';
import { BillingModel } from './pricing.enums';
import {
  IsCurrencyCode,
  IsFeatureList,
  IsHorizon,
  IsPrice,
  IsRamp,
  IsRate,
  MAX_PRICE_CENTS,
} from './pricing-validators.inputs';

@InputType({
  description:
    "One band of a GRADUATED or VOLUME tier (Stripe's tiers): seats up to upTo, the last band unbounded.",
})
export class PriceTierInput {
  @Min(1, { message: 'upTo must be at least 1' })
  @Max(MAX_PRICE_CENTS, { message: `upTo must be at most ${MAX_PRICE_CENTS}` })
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Last seat count of the band, above the previous band; null for the last band.',
  })
  upTo?: number | null;

  @IsPrice()
  @Field(() => Int, { description: 'Price of each seat in the band, in minor units, 0 to 10^9.' })
  unitAmountCents: number;

  @IsPrice()
  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: 'Amount added once when the band is reached, in minor units, 0 to 10^9.',
  })
  flatAmountCents?: number | null;
}

@InputType({ description: 'A new pricing tier of a launch.' })
export class CreatePricingTierInput {
  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @IsName()
  @Field(() => String, {
    description: 'Name, 1 to 200 characters, unique within the launch regardless of case.',
  })
  name: string;

  @IsText()
  @Field(() => String, {
    nullable: true,
    description: 'Who the tier is for, up to 10,000 characters.',
  })
  description?: string | null;

  @Field(() => BillingModel, { description: 'FLAT per account or PER_SEAT.' })
  billingModel: BillingModel;

  @IsCurrencyCode()
  @Field(() => String, {
    description:
      'ISO 4217 code (lower case is accepted); must match the other tiers of the launch.',
  })
  currency: string;

  @IsPrice()
  @Field(() => Int, {
    description:
      'Monthly price in minor units, 0 to 10^9 (GRADUATED and VOLUME: the price of one seat by the bands).',
  })
  monthlyPriceCents: number;

  @IsPrice()
  @Field(() => Int, {
    nullable: true,
    description:
      'Annual price in minor units, 0 to 10^9; omitted means 12 x monthly. Not for GRADUATED or VOLUME.',
  })
  annualPriceCents?: number | null;

  @IsFeatureList()
  @Field(() => [String], {
    nullable: true,
    description: 'Feature bullets, at most 100 of at most 200 characters.',
  })
  features?: string[] | null;

  @Min(0)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Order on the pricing page (0 or more); omitted puts it last.',
  })
  position?: number | null;

  @IsShortList()
  @ValidateNested({ each: true })
  @IsOptional()
  @Field(() => [PriceTierInput], {
    nullable: true,
    description:
      'GRADUATED and VOLUME only (and required there): 1 to 100 bands in rising upTo, the last with upTo null.',
  })
  priceTiers?: PriceTierInput[] | null;
}

@InputType({
  description:
    'Changes to a pricing tier; omitted fields stay as they are, null clears description and annual price.',
})
export class UpdatePricingTierInput {
  @Field(() => ID, { description: 'The tier.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the tier is at this version.',
  })
  expectedVersion?: number | null;

  @IsName()
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @IsText()
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;

  @Field(() => BillingModel, { nullable: true, description: 'New billing model.' })
  billingModel?: BillingModel | null;

  @IsCurrencyCode()
  @IsOptional()
  @Field(() => String, {
    nullable: true,
    description: 'New currency; must match the other tiers of the launch.',
  })
  currency?: string | null;

  @IsPrice()
  @Field(() => Int, { nullable: true, description: 'New monthly price in minor units.' })
  monthlyPriceCents?: number | null;

  @IsPrice()
  @Field(() => Int, {
    nullable: true,
    description: 'New annual price in minor units; null means 12 x monthly.',
  })
  annualPriceCents?: number | null;

  @IsFeatureList()
  @Field(() => [String], {
    nullable: true,
    description: 'New feature bullets (replace the old ones).',
  })
  features?: string[] | null;

  @Min(0)
  @IsOptional()
  @Field(() => Int, { nullable: true, description: 'New position on the pricing page.' })
  position?: number | null;

  @IsShortList()
  @ValidateNested({ each: true })
  @IsOptional()
  @Field(() => [PriceTierInput], {
    nullable: true,
    description:
      'New bands (replace the old ones), GRADUATED and VOLUME only; null clears them (for a tier moving to FLAT or PER_SEAT).',
  })
  priceTiers?: PriceTierInput[] | null;
}

@InputType({ description: 'Delete a pricing tier; scenarios drop their line for it.' })
export class DeletePricingTierInput {
  @Field(() => ID, { description: 'The tier.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the tier is at this version.',
  })
  expectedVersion?: number | null;
}

@InputType({
  description:
    'What a new scenario assumes about its customers; omitted values take their defaults.',
})
export class ScenarioAssumptionsInput {
  @IsRate({ max: 1, exclusive: false })
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description:
      'Share of customers on annual plans, 0 to 1 (taken as its shortest decimal, 0.35 is exactly 35/100).',
  })
  annualPlanShare?: number | null;

  @IsRate({ max: 1, exclusive: true })
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description: 'Share of customers (and their MRR) lost each month, at least 0 and below 1.',
  })
  monthlyChurnRate?: number | null;

  @IsHorizon()
  @Field(() => Int, {
    nullable: true,
    defaultValue: 12,
    description: 'Months the horizon revenue covers, 1 to 120.',
  })
  horizonMonths?: number | null;

  @IsRamp()
  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description:
      'Months until every expected customer is active, 0 to horizonMonths: month m has min(1, (m + 1) / rampMonths) of them; 0 means all from month 1.',
  })
  rampMonths?: number | null;

  @IsRate({ max: 1, exclusive: true })
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description: "Growth of the remaining customers' MRR each month, at least 0 and below 1.",
  })
  monthlyExpansionRate?: number | null;
}

@InputType({
  description: 'On update: a field left out keeps its value (no defaults apply).',
})
export class ScenarioAssumptionsPatch {
  @IsRate({ max: 1, exclusive: false })
  @Field(() => Float, {
    nullable: true,
    description: 'New share of customers on annual plans, 0 to 1; omitted keeps it.',
  })
  annualPlanShare?: number | null;

  @IsRate({ max: 1, exclusive: true })
  @Field(() => Float, {
    nullable: true,
    description: 'New monthly churn rate, at least 0 and below 1; omitted keeps it.',
  })
  monthlyChurnRate?: number | null;

  @IsHorizon()
  @Field(() => Int, {
    nullable: true,
    description: 'New horizon, 1 to 120 months (at least rampMonths); omitted keeps it.',
  })
  horizonMonths?: number | null;

  @IsRamp()
  @Field(() => Int, {
    nullable: true,
    description: 'New ramp, 0 to horizonMonths; omitted keeps it.',
  })
  rampMonths?: number | null;

  @IsRate({ max: 1, exclusive: true })
  @Field(() => Float, {
    nullable: true,
    description: 'New monthly expansion rate, at least 0 and below 1; omitted keeps it.',
  })
  monthlyExpansionRate?: number | null;
}

@InputType({
  description: 'One tier line of a scenario: optional price overrides and the expected customers.',
})
export class ScenarioTierInput {
  @Field(() => ID, { description: 'A live tier of the same launch, at most once per scenario.' })
  tierId: string;

  @IsPrice()
  @Field(() => Int, {
    nullable: true,
    description: "Monthly price in minor units; omitted means the live tier's.",
  })
  monthlyPriceCents?: number | null;

  @IsPrice()
  @Field(() => Int, {
    nullable: true,
    description: "Annual price in minor units; omitted means the live tier's, else 12 x monthly.",
  })
  annualPriceCents?: number | null;

  @Min(0, { message: 'expectedCustomers must not be negative' })
  @Field(() => Int, { description: 'Customers expected on this tier, 0 or more.' })
  expectedCustomers: number;

  @Min(1, { message: 'seatsPerCustomer must be at least 1' })
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    defaultValue: 1,
    description: 'Seats per customer (PER_SEAT, GRADUATED and VOLUME tiers), 1 or more.',
  })
  seatsPerCustomer?: number | null;

  @IsRate({ max: 1, exclusive: false })
  @Field(() => Float, {
    nullable: true,
    description: "This tier's own annual plan share, 0 to 1; omitted means the scenario's.",
  })
  annualPlanShare?: number | null;

  @IsRate({ max: 1, exclusive: true })
  @Field(() => Float, {
    nullable: true,
    description:
      "This tier's own monthly churn rate, at least 0 and below 1; omitted means the scenario's.",
  })
  monthlyChurnRate?: number | null;
}

@InputType({ description: 'A new pricing scenario of a launch.' })
export class CreatePricingScenarioInput {
  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @IsName()
  @Field(() => String, { description: 'Name, 1 to 200 characters.' })
  name: string;

  @IsText()
  @Field(() => String, { nullable: true, description: 'Notes, up to 10,000 characters.' })
  notes?: string | null;

  @ValidateNested()
  @IsOptional()
  @Field(() => ScenarioAssumptionsInput, {
    nullable: true,
    description:
      'Assumptions; omitted means no annual plans, no churn, 12 months, no ramp, no expansion.',
  })
  assumptions?: ScenarioAssumptionsInput | null;

  @IsShortList()
  @ValidateNested({ each: true })
  @Field(() => [ScenarioTierInput], {
    description:
      'Tier lines, at most 100; live tiers not listed count at live prices with 0 customers.',
  })
  tiers: ScenarioTierInput[];
}

@InputType({
  description:
    'Changes to a pricing scenario; omitted fields stay as they are (given tiers replace all lines). Every edit pins the prices again.',
})
export class UpdatePricingScenarioInput {
  @Field(() => ID, { description: 'The scenario.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the scenario is at this version.',
  })
  expectedVersion?: number | null;

  @IsName()
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @IsText()
  @Field(() => String, { nullable: true, description: 'New notes; null clears them.' })
  notes?: string | null;

  @ValidateNested()
  @IsOptional()
  @Field(() => ScenarioAssumptionsPatch, {
    nullable: true,
    description: 'Assumptions to change; each value left out keeps its value.',
  })
  assumptions?: ScenarioAssumptionsPatch | null;

  @IsShortList()
  @ValidateNested({ each: true })
  @IsOptional()
  @Field(() => [ScenarioTierInput], {
    nullable: true,
    description: 'New tier lines (replace all of them).',
  })
  tiers?: ScenarioTierInput[] | null;
}

@InputType({
  description: "Write a scenario's prices into the live tiers (the PMM owner or an admin).",
})
export class ApplyPricingScenarioInput {
  @Field(() => ID, { description: 'The scenario.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the scenario is at this version.',
  })
  expectedVersion?: number | null;
}
