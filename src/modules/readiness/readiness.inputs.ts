import { IsOptional, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars';
import { IsShortList, IsText } from '../../core/graphql/validators';
import { Discipline } from '../people';
import { LaunchDecisionOutcome, SignOffVerdict } from './readiness.enums';

@InputType({ description: 'One discipline signs off a launch.' })
export class SignOffLaunchInput {
  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @Field(() => Discipline, {
    description: 'The discipline signing: the viewer’s own, or any for an admin.',
  })
  discipline: Discipline;

  @Field(() => SignOffVerdict, { description: 'GO, CONCERNS or NO_GO.' })
  verdict: SignOffVerdict;

  @IsText()
  @Field(() => String, {
    nullable: true,
    description: 'Why, up to 10,000 characters; required with CONCERNS and NO_GO.',
  })
  note?: string | null;
}

@InputType({ description: 'A condition of a CONDITIONAL_GO.' })
export class LaunchDecisionConditionInput {
  @IsText()
  @Field(() => String, { description: 'What must happen, 1 to 10,000 characters.' })
  description: string;

  @Field(() => ID, { description: 'Who sees to it.' })
  ownerId: string;

  @Field(() => DateScalar, { description: 'Due on or before the launch date.' })
  dueDate: string;
}

@InputType({ description: 'Record a go/no-go decision.' })
export class RecordLaunchDecisionInput {
  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @Field(() => LaunchDecisionOutcome, { description: 'GO, CONDITIONAL_GO or NO_GO.' })
  outcome: LaunchDecisionOutcome;

  @IsText()
  @Field(() => String, { description: 'Why, 1 to 10,000 characters.' })
  rationale: string;

  @IsShortList()
  @IsOptional()
  @Field(() => [LaunchDecisionConditionInput], {
    nullable: true,
    description: 'Conditions: at least one for CONDITIONAL_GO, none otherwise.',
  })
  conditions?: LaunchDecisionConditionInput[] | null;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the launch is at this version.',
  })
  expectedVersion?: number | null;
}
