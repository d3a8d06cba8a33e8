import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
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
@Check('launch_decisions_outcome_check', sqlIn('outcome', LaunchDecisionOutcome))
@Check('launch_decisions_rationale_check', 'length(btrim(rationale)) BETWEEN 1 AND 10000')
@Index('launch_decisions_launch_idx', { synchronize: false }) // (launch_id, position DESC)
@ObjectType({
  description:
    'A go/no-go decision by the PM owner, the PMM owner or an admin; READY and LAUNCHED need a current GO or CONDITIONAL_GO.',
})
export class LaunchDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the latest is the current decision. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  @Generated('increment')
  position: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('Launch', {
    name: 'launch_decisions_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

  @Field(() => LaunchDecisionOutcome, { description: 'GO, CONDITIONAL_GO or NO_GO.' })
  @Column({ type: 'text' })
  outcome: LaunchDecisionOutcome;

  @Field(() => String, { description: 'Why.' })
  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'jsonb', default: [] })
  conditions: StoredCondition[];

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @ForeignKey('Person', {
    name: 'launch_decisions_decided_by_id_fkey',
    columns: { decided_by_id: 'id' },
  })
  readonly decidedByFk?: never;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;

  @Field(() => [StaleReason], {
    description: 'What changed after the decision, in the order it happened; empty while current.',
  })
  @Column({ name: 'stale_reasons', type: 'text', array: true, default: [] })
  staleReasons: StaleReason[];
}
