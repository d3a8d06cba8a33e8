import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsName, IsShortList, IsText } from '../../core/graphql/validators';
import { BillingModel } from './pricing.enums';
import { IsCurrencyCode, IsFeatureList, IsPrice, IsRate } from './pricing.validators';

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
  @Field(() => Int, { description: 'Monthly price in minor units, 0 to 10^9.' })
  monthlyPriceCents: number;

  @IsPrice()
  @Field(() => Int, {
    nullable: true,
    description: 'Annual price in minor units, 0 to 10^9; omitted means 12 x monthly.',
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
    'What a scenario assumes about its customers; given as a whole, omitted values take their defaults.',
})
export class ScenarioAssumptionsInput {
  @IsRate(1, false)
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description:
      'Share of customers on annual plans, 0 to 1 (taken as its shortest decimal, 0.35 is exactly 35/100).',
  })
  annualPlanShare?: number | null;

  @IsRate(1, true)
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description: 'Share of MRR lost each month, at least 0 and below 1.',
  })
  monthlyChurnRate?: number | null;

  @Min(1, { message: 'horizonMonths must be between 1 and 120' })
  @Max(120, { message: 'horizonMonths must be between 1 and 120' })
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    defaultValue: 12,
    description: 'Months the horizon revenue covers, 1 to 120.',
  })
  horizonMonths?: number | null;
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
    description: 'Seats per customer (PER_SEAT tiers), 1 or more.',
  })
  seatsPerCustomer?: number | null;
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
    description: 'Assumptions; omitted means no annual plans, no churn, 12 months.',
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
    'Changes to a pricing scenario; omitted fields stay as they are. Given tiers replace all lines; given assumptions replace all assumptions.',
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
  @Field(() => ScenarioAssumptionsInput, {
    nullable: true,
    description:
      'New assumptions, as a whole: values left out take their defaults, null resets all of them.',
  })
  assumptions?: ScenarioAssumptionsInput | null;

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
