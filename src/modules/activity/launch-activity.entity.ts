import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
import { ActivityType } from '../activity-log';
import { DateTimeScalar } from '../../core/graphql/scalars';

@ObjectType({ description: 'One field an activity row changed, as a person reads it.' })
export class ActivityChange {
  @Field(() => String, { description: 'The field, e.g. "launchDate" or "assignee".' })
  field: string;

  @Field(() => String, {
    nullable: true,
    description: 'The old value (names, ISO dates, "USD 89.00"); null when there was none.',
  })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'The new value; null when cleared.' })
  to: string | null;
}

@Entity({ name: 'launch_activity' })
@Check('launch_activity_type_check', sqlIn('type', ActivityType))
@ObjectType({ description: 'One committed change to a launch, in commit order.' })
export class LaunchActivity {
  @PrimaryColumn({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('Launch', {
    name: 'launch_activity_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

  /** Per-launch, gap-free, in commit order. */
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Field(() => ActivityType, { description: 'What kind of change.' })
  @Column({ type: 'text' })
  type: ActivityType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ForeignKey('Person', { name: 'launch_activity_actor_id_fkey', columns: { actor_id: 'id' } })
  readonly actorFk?: never;

  @Field(() => ID, {
    description: 'Global id of what changed (the launch, a task, a tier, a brief, ...).',
  })
  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Field(() => String, {
    description: 'One line for humans, e.g. "Avery Chen moved \'Pricing page live\' to DONE".',
  })
  @Column({ type: 'text' })
  summary: string;

  @Field(() => [ActivityChange], {
    description: 'The fields it changed with their old and new values (empty when none apply).',
  })
  @Column({ type: 'jsonb', default: [] })
  changes: ActivityChange[];

  @Field(() => DateTimeScalar, { description: 'When the change committed.' })
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
