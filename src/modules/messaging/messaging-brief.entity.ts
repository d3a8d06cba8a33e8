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
import { DateTimeScalar } from '../../core/graphql/scalars';
import { MessagingBriefStatus } from './messaging.enums';

@Entity({ name: 'messaging_briefs' })
@Check('messaging_briefs_audience_check', 'length(btrim(audience)) BETWEEN 1 AND 200')
@Check('messaging_briefs_status_check', sqlIn('status', MessagingBriefStatus))
@Index('messaging_briefs_launch_audience_key', { synchronize: false }) // unique (launch_id, lower(audience))
@ObjectType({
  implements: Node,
  description:
    "The PMM's positioning and messaging for one audience of a launch. Its content is the current revision's.",
})
export class MessagingBrief {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('Launch', {
    name: 'messaging_briefs_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

  @Field(() => String, {
    description: 'Who this brief speaks to, unique per launch regardless of case.',
  })
  @Column({ type: 'text' })
  audience: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ForeignKey('Person', { name: 'messaging_briefs_owner_id_fkey', columns: { owner_id: 'id' } })
  readonly ownerFk?: never;

  @Field(() => MessagingBriefStatus, { description: 'Review status of the current revision.' })
  @Column({ type: 'text', default: MessagingBriefStatus.DRAFT })
  status: MessagingBriefStatus;

  @Field(() => Int, { description: 'The current revision number; pass it as expectedRevision.' })
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the brief was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, {
    description: 'When the brief last changed (edit or review step).',
  })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
