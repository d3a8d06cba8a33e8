import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { MessagingBriefStatus } from './messaging.enums';
import { Positioning, ValuePillar } from './messaging-content.types';

@Entity({ name: 'messaging_brief_revisions' })
@ObjectType({
  description:
    'One numbered revision of a brief: full content, author, time, and its review status.',
})
export class MessagingBriefRevision {
  @PrimaryColumn({ name: 'brief_id', type: 'uuid' })
  briefId: string;

  @Field(() => Int, { description: 'Revision number, from 1.' })
  @PrimaryColumn({ type: 'integer' })
  revision: number;

  @Field(() => MessagingBriefStatus, {
    description: 'Status of this revision (the approved one stays APPROVED in history).',
  })
  @Column({ type: 'text' })
  status: MessagingBriefStatus;

  @Field(() => String, { description: 'Audience at this revision.' })
  @Column({ type: 'text' })
  audience: string;

  @Field(() => String, { description: 'The positioning statement.' })
  @Column({ name: 'positioning_statement', type: 'text' })
  positioningStatement: string;

  @Field(() => Positioning, {
    nullable: true,
    description: 'The structured positioning, when it was given.',
  })
  @Column({ type: 'jsonb', nullable: true })
  positioning: Positioning | null;

  @Field(() => [ValuePillar], { description: 'Value pillars with proof points.' })
  @Column({ name: 'value_pillars', type: 'jsonb' })
  valuePillars: ValuePillar[];

  @Field(() => [String], { description: 'Key messages.' })
  @Column({ name: 'key_messages', type: 'jsonb' })
  keyMessages: string[];

  @Field(() => [String], { description: 'What the audience would use instead.' })
  @Column({ name: 'competitive_alternatives', type: 'jsonb' })
  competitiveAlternatives: string[];

  @Field(() => String, { nullable: true, description: 'The call to action.' })
  @Column({ name: 'call_to_action', type: 'text', nullable: true })
  callToAction: string | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Field(() => DateTimeScalar, { description: 'When this revision was written.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When this revision was last submitted for review.',
  })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true })
  approvedById: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When this revision was approved.' })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The comment of the last request for changes on this revision.',
  })
  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;
}
