import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../../core/graphql/node';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { Discipline } from '../people/people.enums';
import { TaskCompletion, TaskPhase, TaskStatus } from './checklist.enums';

@Entity({ name: 'tasks' })
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

  @Field(() => TaskStatus, { description: 'Task status.' })
  @Column({ type: 'text' })
  status: TaskStatus;

  @Field(() => TaskPhase, {
    description:
      'Before launch day, on launch day, or after it. READY needs required PRE_LAUNCH work closed.',
  })
  @Column({ type: 'text' })
  phase: TaskPhase;

  /** The deliverable event that closes this task by itself (from the template), if any. */
  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: TaskCompletion | null;

  @Field(() => Boolean, {
    description:
      'Required PRE_LAUNCH tasks must be closed before READY; every required task counts for health.',
  })
  @Column({ type: 'boolean' })
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
  @Column({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
