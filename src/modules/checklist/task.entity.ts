import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
import { Node } from '../../core/graphql/node';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { Discipline } from '../people';
import { TaskCompletion, TaskPhase, TaskStatus } from './checklist.enums';

@Entity({ name: 'tasks' })
@Check('tasks_title_check', 'length(btrim(title)) BETWEEN 1 AND 200')
@Check('tasks_description_check', 'length(description) <= 10000')
@Check('tasks_blocked_reason_check', 'length(blocked_reason) <= 10000')
@Check('tasks_owner_role_check', sqlIn('owner_role', Discipline))
@Check('tasks_status_check', sqlIn('status', TaskStatus))
@Check('tasks_phase_check', sqlIn('phase', TaskPhase))
@Check('tasks_completed_by_check', sqlIn('completed_by', TaskCompletion))
@Check('tasks_due_date_range', "due_date BETWEEN DATE '1900-01-01' AND DATE '9999-12-31'")
@Index('tasks_launch_id_due_idx', ['launchId', 'dueDate', 'id'])
@Index('tasks_assignee_id_idx', { synchronize: false }) // on assignee_id WHERE assignee_id IS NOT NULL
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'One item of a launch checklist, owned by a discipline and optionally assigned to a person.',
})
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('Launch', {
    name: 'tasks_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

  @Column({ name: 'template_key', type: 'text', nullable: true })
  templateKey: string | null;

  @Field(() => String, { description: 'What has to be done.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Details, links, acceptance criteria.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Discipline, { description: 'The discipline that owns the task (PM, PMM, ...).' })
  @Column({ name: 'owner_role', type: 'text' })
  ownerRole: Discipline;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ForeignKey('Person', { name: 'tasks_assignee_id_fkey', columns: { assignee_id: 'id' } })
  readonly assigneeFk?: never;

  @Field(() => TaskStatus, { description: 'Task status.' })
  @Column({ type: 'text', default: TaskStatus.TODO })
  status: TaskStatus;

  @Field(() => TaskPhase, {
    description:
      'Before launch day, on launch day, or after it. READY needs required PRE_LAUNCH work closed.',
  })
  @Column({ type: 'text', default: TaskPhase.PRE_LAUNCH })
  phase: TaskPhase;

  /** The deliverable event that closes this task by itself (from the template), if any. */
  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: TaskCompletion | null;

  @Field(() => Boolean, {
    description:
      'Required PRE_LAUNCH tasks must be closed before READY; every required task counts for health.',
  })
  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'When the task is due.' })
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => String, { nullable: true, description: 'Why the task is blocked.' })
  @Column({ name: 'blocked_reason', type: 'text', nullable: true })
  blockedReason: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the task was closed; null while open.',
  })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Field(() => Int, {
    description: 'Bumped by every change to the task; pass it as expectedVersion.',
  })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
