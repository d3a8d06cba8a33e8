import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { MessagingBriefStatus } from './messaging.enums';
import { Positioning, ValuePillar } from './messaging-content.types';

@Entity({ name: 'messaging_brief_revisions' })
@Check('messaging_brief_revisions_status_check', sqlIn('status', MessagingBriefStatus))
@Check(
  'messaging_brief_revisions_positioning_statement_check',
  'length(positioning_statement) <= 10000',
)
@Check('messaging_brief_revisions_call_to_action_check', 'length(call_to_action) <= 10000')
@Check('messaging_brief_revisions_review_comment_check', 'length(review_comment) <= 2000')
@ObjectType({
  description:
    'One numbered revision of a brief: full content, author, time, and its review status.',
})
export class MessagingBriefRevision {
  @PrimaryColumn({ name: 'brief_id', type: 'uuid' })
  briefId: string;

  @ForeignKey('MessagingBrief', {
    name: 'messaging_brief_revisions_brief_id_fkey',
    columns: { brief_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly briefFk?: never;

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
  @Column({ name: 'value_pillars', type: 'jsonb', default: [] })
  valuePillars: ValuePillar[];

  @Field(() => [String], { description: 'Key messages.' })
  @Column({ name: 'key_messages', type: 'jsonb', default: [] })
  keyMessages: string[];

  @Field(() => [String], { description: 'What the audience would use instead.' })
  @Column({ name: 'competitive_alternatives', type: 'jsonb', default: [] })
  competitiveAlternatives: string[];

  @Field(() => String, { nullable: true, description: 'The call to action.' })
  @Column({ name: 'call_to_action', type: 'text', nullable: true })
  callToAction: string | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ForeignKey('Person', {
    name: 'messaging_brief_revisions_author_id_fkey',
    columns: { author_id: 'id' },
  })
  readonly authorFk?: never;

  @Field(() => DateTimeScalar, { description: 'When this revision was written.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When this revision was last submitted for review.',
  })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true })
  approvedById: string | null;

  @ForeignKey('Person', {
    name: 'messaging_brief_revisions_approved_by_id_fkey',
    columns: { approved_by_id: 'id' },
  })
  readonly approvedByFk?: never;

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
