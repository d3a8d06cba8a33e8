import { IsOptional, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars';
import { IsName, IsText } from '../../core/graphql/validators';
import { LaunchOrderField, LaunchStatus, LaunchTier, OrderDirection } from './launches.enums';

@InputType({ description: 'Narrows the launch board; all given conditions must hold.' })
export class LaunchFilter {
  @Field(() => [LaunchStatus], {
    nullable: true,
    description: 'Only launches in one of these statuses.',
  })
  status?: LaunchStatus[] | null;

  @Field(() => [LaunchTier], {
    nullable: true,
    description: 'Only launches of one of these tiers.',
  })
  tier?: LaunchTier[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only launches this person owns, as PM or PMM owner.',
  })
  ownerId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Launch date on or after this day.' })
  launchDateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Launch date on or before this day.' })
  launchDateTo?: string | null;

  @MaxLength(200)
  @IsOptional()
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text matched against name and product.',
  })
  search?: string | null;
}

@InputType({ description: 'How to sort the launch board.' })
export class LaunchOrder {
  @Field(() => LaunchOrderField, { description: 'Sort key; ties are broken by id.' })
  field: LaunchOrderField;

  @Field(() => OrderDirection, { description: 'Direction.' })
  direction: OrderDirection;
}

@InputType({ description: 'A new launch.' })
export class CreateLaunchInput {
  @IsName()
  @Field(() => String, { description: 'Launch name, 1 to 200 characters.' })
  name: string;

  @IsName()
  @Field(() => String, { description: 'Product or product area, 1 to 200 characters.' })
  product: string;

  @IsText()
  @Field(() => String, { nullable: true, description: 'Summary, up to 10,000 characters.' })
  summary?: string | null;

  @Field(() => LaunchTier, { description: 'Tier; decides the checklist template.' })
  tier: LaunchTier;

  @Field(() => DateScalar, { description: 'Launch date.' })
  launchDate: string;

  @Field(() => ID, { description: 'The PM owner: a person whose discipline is PM.' })
  pmOwnerId: string;

  @Field(() => ID, { description: 'The PMM owner: a person whose discipline is PMM.' })
  pmmOwnerId: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "Create the tier template's tasks (default true).",
  })
  applyTemplate?: boolean | null;
}

@InputType({ description: 'Changes to a launch; omitted fields stay as they are.' })
export class UpdateLaunchInput {
  @Field(() => ID, { description: 'The launch.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the launch is at this version.',
  })
  expectedVersion?: number | null;

  @IsName()
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @IsName()
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New product.' })
  product?: string | null;

  @IsText()
  @Field(() => String, { nullable: true, description: 'New summary; null clears it.' })
  summary?: string | null;

  @Field(() => LaunchTier, {
    nullable: true,
    description: 'New tier (the existing tasks stay as they are).',
  })
  tier?: LaunchTier | null;

  @Field(() => DateScalar, { nullable: true, description: 'New launch date.' })
  launchDate?: string | null;

  @Field(() => ID, { nullable: true, description: 'New PM owner (discipline PM).' })
  pmOwnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New PMM owner (discipline PMM).' })
  pmmOwnerId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'When the launch date moves, shift the due dates of open tasks by the same number of days (default true).',
  })
  shiftTaskDueDates?: boolean | null;

  @IsText()
  @Field(() => String, {
    nullable: true,
    description:
      'Why (e.g. why the date slipped), up to 10,000 characters; kept on the activity row.',
  })
  reason?: string | null;
}

@InputType({ description: 'Move a launch through its lifecycle.' })
export class TransitionLaunchInput {
  @Field(() => ID, { description: 'The launch.' })
  id: string;

  @Field(() => LaunchStatus, { description: 'The status to move to.' })
  to: LaunchStatus;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the launch is at this version.',
  })
  expectedVersion?: number | null;
}
