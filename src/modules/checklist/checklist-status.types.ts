import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { Discipline } from '../people';
import { ReadinessReasonCode, ReadinessSeverity } from '../readiness';
import { LaunchHealth, TaskPhase } from './checklist.enums';

@ObjectType({
  simpleResolvers: true,
  description: 'Progress of one discipline on a launch checklist.',
})
export class RoleProgress {
  @Field(() => Discipline, { description: 'The owner discipline.' })
  role: Discipline;

  @Field(() => Int, { description: 'Tasks this discipline owns.' })
  totalCount: number;

  @Field(() => Int, { description: 'Of those, closed (DONE or SKIPPED).' })
  closedCount: number;
}

@ObjectType({ simpleResolvers: true, description: 'Progress of one phase of a launch checklist.' })
export class PhaseProgress {
  @Field(() => TaskPhase, { description: 'The phase.' })
  phase: TaskPhase;

  @Field(() => Int, { description: 'Tasks in this phase.' })
  totalCount: number;

  @Field(() => Int, { description: 'Of those, closed (DONE or SKIPPED).' })
  closedCount: number;

  @Field(() => Int, { description: 'Of those, required and still open.' })
  requiredOpenCount: number;
}

@ObjectType({
  description: 'One cause behind a launch’s health, with the task or discipline concerned.',
})
export class ReadinessReason {
  @Field(() => ReadinessReasonCode, { description: 'Stable code.' })
  code: ReadinessReasonCode;

  @Field(() => ReadinessSeverity, { description: 'BLOCKER, WARNING or INFO.' })
  severity: ReadinessSeverity;

  @Field(() => String, { description: 'One sentence for people.' })
  message: string;

  @Field(() => Discipline, { nullable: true, description: 'The discipline concerned, if any.' })
  discipline: Discipline | null;

  /** The task concerned (uuid), resolved by the `task` field. */
  taskId: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A launch checklist at a glance, computed from its tasks, sign-offs and decisions (never stored by hand).',
})
export class ChecklistStatus {
  @Field(() => ID, {
    description:
      'Opaque global id of this status (one per launch), so client caches update it in place.',
  })
  id: string;

  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @Field(() => Int, { description: 'All tasks.' })
  totalCount: number;

  @Field(() => Int, { description: 'Closed tasks (DONE or SKIPPED).' })
  closedCount: number;

  @Field(() => Float, {
    description:
      '100 x closed / total, rounded half away from zero to one decimal; 0 without tasks.',
  })
  percentComplete: number;

  @Field(() => Int, { description: 'Open tasks whose due date is before today (UTC).' })
  overdueCount: number;

  @Field(() => Int, { description: 'Tasks in BLOCKED.' })
  blockedCount: number;

  @Field(() => Int, { description: 'Required tasks still open.' })
  requiredOpenCount: number;

  @Field(() => LaunchHealth, { description: 'Overall health, derived from the reasons.' })
  health: LaunchHealth;

  @Field(() => [ReadinessReason], {
    description:
      'Why the health is what it is: BLOCKER first, then WARNING, then INFO; within a severity in code order, then by due date. Empty for a CANCELLED launch.',
  })
  reasons: ReadinessReason[];

  @Field(() => [PhaseProgress], {
    description: 'Total, closed and required open per phase present.',
  })
  byPhase: PhaseProgress[];

  @Field(() => [RoleProgress], {
    description: 'Total and closed per discipline present, in Discipline order.',
  })
  byOwnerRole: RoleProgress[];

  @Field(() => Int, { description: 'Goes up by one with every committed change to the checklist.' })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the checklist last changed.' })
  updatedAt: Date;
}
