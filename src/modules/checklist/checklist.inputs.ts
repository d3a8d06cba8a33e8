import { IsOptional, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars';
import { IsName, IsShortList, IsText } from '../../core/graphql/validators';
import { Discipline } from '../people';
import { TaskPhase, TaskStatus } from './checklist.enums';

@InputType({ description: 'Narrows a task list; all given conditions must hold.' })
export class TaskFilter {
  @Field(() => [TaskStatus], {
    nullable: true,
    description: 'Only tasks in one of these statuses.',
  })
  status?: TaskStatus[] | null;

  @Field(() => [Discipline], {
    nullable: true,
    description: 'Only tasks owned by one of these disciplines.',
  })
  ownerRole?: Discipline[] | null;

  @Field(() => ID, { nullable: true, description: 'Only tasks assigned to this person.' })
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only overdue tasks (open, due before today UTC); false: only tasks that are not.',
  })
  overdue?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only required (true) or only optional (false) tasks.',
  })
  required?: boolean | null;

  @Field(() => [TaskPhase], { nullable: true, description: 'Only tasks in one of these phases.' })
  phase?: TaskPhase[] | null;
}

@InputType({ description: 'A new checklist task.' })
export class CreateTaskInput {
  @Field(() => ID, { description: 'The launch the task belongs to.' })
  launchId: string;

  @IsName()
  @Field(() => String, { description: 'Title, 1 to 200 characters.' })
  title: string;

  @IsText()
  @Field(() => String, { nullable: true, description: 'Details, up to 10,000 characters.' })
  description?: string | null;

  @Field(() => Discipline, { description: 'Owner discipline.' })
  ownerRole: Discipline;

  @Field(() => ID, { nullable: true, description: 'Who does it.' })
  assigneeId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Due date.' })
  dueDate?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Must be closed before READY (default false).',
  })
  required?: boolean | null;

  @Field(() => TaskPhase, {
    nullable: true,
    defaultValue: TaskPhase.PRE_LAUNCH,
    description: 'When in the launch the task happens (default PRE_LAUNCH).',
  })
  phase?: TaskPhase | null;

  @IsShortList()
  @IsOptional()
  @Field(() => [ID], {
    nullable: true,
    description: 'Tasks of the same launch this one depends on.',
  })
  dependsOnIds?: string[] | null;
}

@InputType({
  description:
    'Changes to a task; omitted fields stay as they are, null clears assignee, due date, description and blocked reason.',
})
export class UpdateTaskInput {
  @Field(() => ID, { description: 'The task.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the task is at this version.',
  })
  expectedVersion?: number | null;

  @IsName()
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'New title.' })
  title?: string | null;

  @IsText()
  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;

  @Field(() => Discipline, { nullable: true, description: 'New owner discipline.' })
  ownerRole?: Discipline | null;

  @Field(() => TaskStatus, {
    nullable: true,
    description: 'New status. DONE needs every dependency closed.',
  })
  status?: TaskStatus | null;

  @Field(() => ID, { nullable: true, description: 'New assignee; null unassigns.' })
  assigneeId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New due date; null clears it.' })
  dueDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the task is required.' })
  required?: boolean | null;

  @Field(() => TaskPhase, { nullable: true, description: 'New phase.' })
  phase?: TaskPhase | null;

  @IsText()
  @Field(() => String, {
    nullable: true,
    description: 'Why it is blocked. Cleared when the task leaves BLOCKED unless given.',
  })
  blockedReason?: string | null;
}

@InputType({ description: 'Delete a task and its dependency edges.' })
export class DeleteTaskInput {
  @Field(() => ID, { description: 'The task.' })
  id: string;

  @Min(1)
  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Fail with CONFLICT unless the task is at this version.',
  })
  expectedVersion?: number | null;
}

@InputType({ description: 'Make a task depend on another task of the same launch.' })
export class AddTaskDependencyInput {
  @Field(() => ID, { description: 'The task that waits.' })
  taskId: string;

  @Field(() => ID, { description: 'The task it waits for.' })
  dependsOnId: string;
}

@InputType({ description: 'Remove a dependency between two tasks.' })
export class RemoveTaskDependencyInput {
  @Field(() => ID, { description: 'The task that waits.' })
  taskId: string;

  @Field(() => ID, { description: 'The task it no longer waits for.' })
  dependsOnId: string;
}
