import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { LaunchDecisionOutcome, StaleReason } from './readiness.enums';

/** A condition as stored: the owner as a person uuid. */
export interface StoredCondition {
  description: string;
  ownerId: string;
  dueDate: string;
}

@ObjectType({ description: 'Something a CONDITIONAL_GO requires, with an owner and a due date.' })
export class LaunchDecisionCondition {
  @Field(() => String, { description: 'What must happen.' })
  description: string;

  ownerId: string;

  @Field(() => DateScalar, { description: 'Due on or before the launch date.' })
  dueDate: string;
}

@Entity({ name: 'launch_decisions' })
@ObjectType({
  description:
    'A go/no-go decision by the PM owner, the PMM owner or an admin; READY and LAUNCHED need a current GO or CONDITIONAL_GO.',
})
export class LaunchDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the latest is the current decision. */
  @Column({ type: 'bigint', insert: false, update: false })
  position: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @Field(() => LaunchDecisionOutcome, { description: 'GO, CONDITIONAL_GO or NO_GO.' })
  @Column({ type: 'text' })
  outcome: LaunchDecisionOutcome;

  @Field(() => String, { description: 'Why.' })
  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'jsonb' })
  conditions: StoredCondition[];

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @Field(() => [StaleReason], {
    description: 'What changed after the decision, in the order it happened; empty while current.',
  })
  @Column({ name: 'stale_reasons', type: 'text', array: true })
  staleReasons: StaleReason[];
}
