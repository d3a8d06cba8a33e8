import { IsOptional, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsName, IsShortList, IsText, LIMITS } from '../../core/graphql/validators';

const EACH_TEXT = { each: true, message: `each item must be at most ${LIMITS.text} characters` };
const EACH_NOT_BLANK = { each: true, message: 'items must not be empty or blank' };

@InputType({ description: 'A value pillar with its proof points.' })
export class ValuePillarInput {
  @IsName()
  @Field(() => String, { description: 'The pillar in a few words, 1 to 200 characters.' })
  title: string;

  @IsText()
  @Field(() => String, { nullable: true, description: 'What it means for the customer.' })
  description?: string | null;

  @IsShortList()
  @MaxLength(LIMITS.text, EACH_TEXT)
  @IsOptional()
  @Field(() => [String], { nullable: true, description: 'Evidence, up to 100 items.' })
  proofPoints?: string[] | null;
}

@InputType({
  description: "Geoffrey Moore's positioning template; composes the statement when none is given.",
})
export class PositioningInput {
  @IsName()
  @Field(() => String, { description: 'For ... (target customer).' })
  targetCustomer: string;
  @IsName() @Field(() => String, { description: 'Who ... (their need).' }) need: string;
  @IsName() @Field(() => String, { description: 'The product name.' }) productName: string;
  @IsName() @Field(() => String, { description: 'Is a ... (category).' }) category: string;
  @IsName() @Field(() => String, { description: 'That ... (key benefit).' }) keyBenefit: string;
  @IsName()
  @Field(() => String, { description: 'Unlike ... (primary alternative).' })
  primaryAlternative: string;
  @IsName() @Field(() => String, { description: 'The differentiator.' }) differentiator: string;
}

/** Content fields shared by create and update (type-graphql copies them into both). */
@InputType('MessagingBriefContentInput', {
  description: 'The content fields of a messaging brief.',
})
class BriefContentInput {
  @ValidateNested({ each: true })
  @IsShortList()
  @IsOptional()
  @Field(() => [ValuePillarInput], { nullable: true, description: 'Value pillars, up to 100.' })
  valuePillars?: ValuePillarInput[] | null;

  @IsShortList()
  @MaxLength(LIMITS.text, EACH_TEXT)
  @Matches(/\S/, EACH_NOT_BLANK)
  @IsOptional()
  @Field(() => [String], { nullable: true, description: 'Key messages, up to 100.' })
  keyMessages?: string[] | null;

  @IsShortList()
  @MaxLength(LIMITS.text, EACH_TEXT)
  @IsOptional()
  @Field(() => [String], {
    nullable: true,
    description: 'What the audience would use instead, up to 100.',
  })
  competitiveAlternatives?: string[] | null;

  @IsText()
  @Field(() => String, { nullable: true, description: 'The call to action.' })
  callToAction?: string | null;

  @ValidateNested()
  @IsOptional()
  @Field(() => PositioningInput, {
    nullable: true,
    description:
      'Structured positioning; composes the statement when the statement is blank or absent.',
  })
  positioning?: PositioningInput | null;
}

@InputType({ description: 'A new messaging brief (revision 1, DRAFT).' })
export class CreateMessagingBriefInput extends BriefContentInput {
  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @IsName()
  @Field(() => String, { description: 'The audience, unique per launch regardless of case.' })
  audience: string;

  @MaxLength(LIMITS.text, {
    message: `positioningStatement must be at most ${LIMITS.text} characters`,
  })
  @Field(() => String, {
    description: 'The positioning statement (may be blank only when `positioning` is given).',
  })
  positioningStatement: string;

  @Field(() => ID, {
    nullable: true,
    description: "The brief's owner; the launch's PMM owner by default.",
  })
  ownerId?: string | null;
}

@InputType({
  description: 'An edit: makes a new DRAFT revision with the changes; omitted fields carry over.',
})
export class UpdateMessagingBriefInput extends BriefContentInput {
  @Field(() => ID, { description: 'The brief.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the brief is at this revision.',
  })
  expectedRevision?: number | null;

  @IsName()
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New audience.' })
  audience?: string | null;

  @MaxLength(LIMITS.text, {
    message: `positioningStatement must be at most ${LIMITS.text} characters`,
  })
  @Matches(/\S/, { message: 'positioningStatement must not be empty or blank' })
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New positioning statement.' })
  positioningStatement?: string | null;
}

/** The fields of a review step on a brief (submit, approve). */
@InputType('MessagingBriefStepInput', { description: 'A review step on a brief.' })
class BriefStepInput {
  @Field(() => ID, { description: 'The brief.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the brief is at this revision.',
  })
  expectedRevision?: number | null;
}

@InputType({ description: 'Submit the current revision for review.' })
export class SubmitMessagingBriefInput extends BriefStepInput {}

@InputType({ description: 'Approve the current revision (the PMM owner or an admin).' })
export class ApproveMessagingBriefInput extends BriefStepInput {}

@InputType({ description: 'Send the brief back to DRAFT with a comment.' })
export class RequestMessagingBriefChangesInput {
  @Field(() => ID, { description: 'The brief.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description:
      'Fail with CONFLICT unless the brief is at this revision (the one the reviewer read).',
  })
  expectedRevision?: number | null;

  @Length(1, 2000, { message: 'comment must be 1 to 2,000 characters' })
  @Matches(/\S/, { message: 'comment must not be blank' })
  @Field(() => String, { description: 'What to change, 1 to 2,000 characters.' })
  comment: string;
}
