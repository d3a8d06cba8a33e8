import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { MessagingBriefStatus } from './messaging.enums';

@Entity({ name: 'messaging_briefs' })
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

  @Field(() => String, {
    description: 'Who this brief speaks to, unique per launch regardless of case.',
  })
  @Column({ type: 'text' })
  audience: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Field(() => MessagingBriefStatus, { description: 'Review status of the current revision.' })
  @Column({ type: 'text' })
  status: MessagingBriefStatus;

  @Field(() => Int, { description: 'The current revision number; pass it as expectedRevision.' })
  @Column({ type: 'integer' })
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
