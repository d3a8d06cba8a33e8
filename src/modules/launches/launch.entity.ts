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
import { LaunchStatus, LaunchTier } from './launches.enums';

@Entity({ name: 'launches' })
@Check('launches_name_check', 'length(btrim(name)) BETWEEN 1 AND 200')
@Check('launches_product_check', 'length(btrim(product)) BETWEEN 1 AND 200')
@Check('launches_summary_check', 'length(summary) <= 10000')
@Check('launches_tier_check', sqlIn('tier', LaunchTier))
@Check('launches_status_check', sqlIn('status', LaunchStatus))
@Check('launches_launch_date_range', "launch_date BETWEEN DATE '1900-01-01' AND DATE '9999-12-31'")
@Index('launches_launch_date_id_idx', ['launchDate', 'id'])
@Index('launches_created_at_id_idx', ['createdAt', 'id'])
@Index('launches_name_id_idx', ['name', 'id'])
@Index('launches_pm_owner_id_idx', ['pmOwnerId'])
@Index('launches_pmm_owner_id_idx', ['pmmOwnerId'])
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'A go-to-market launch: what is brought to market, when, at which tier, owned by one PM and one PMM.',
})
export class Launch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'Launch name, e.g. "Workflow Automations GA".' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: 'The product or product area launched.' })
  @Column({ type: 'text' })
  product: string;

  @Field(() => String, { nullable: true, description: 'What is launched and why it matters.' })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => LaunchTier, { description: 'Launch tier; decides the checklist template.' })
  @Column({ type: 'text' })
  tier: LaunchTier;

  @Field(() => DateScalar, { description: 'The day the launch goes live.' })
  @Column({ name: 'launch_date', type: 'date' })
  launchDate: string;

  @Field(() => LaunchStatus, { description: 'Lifecycle status.' })
  @Column({ type: 'text', default: LaunchStatus.PLANNING })
  status: LaunchStatus;

  @Column({ name: 'pm_owner_id', type: 'uuid' })
  pmOwnerId: string;

  @ForeignKey('Person', { name: 'launches_pm_owner_id_fkey', columns: { pm_owner_id: 'id' } })
  readonly pmOwnerFk?: never;

  @Column({ name: 'pmm_owner_id', type: 'uuid' })
  pmmOwnerId: string;

  @ForeignKey('Person', { name: 'launches_pmm_owner_id_fkey', columns: { pmm_owner_id: 'id' } })
  readonly pmmOwnerFk?: never;

  @Field(() => Int, {
    description: 'Bumped by every change to the launch; pass it as expectedVersion.',
  })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the launch moved to LAUNCHED; null before.',
  })
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt: Date | null;

  @Column({ name: 'checklist_revision', type: 'integer', default: 0 })
  checklistRevision: number;

  @Column({ name: 'checklist_updated_at', type: 'timestamptz', default: () => 'now()' })
  checklistUpdatedAt: Date;

  /** The last activity sequence number given out for this launch (the activity writer's). */
  @Column({ name: 'activity_seq', type: 'integer', default: 0, select: false })
  activitySeq: number;

  @Field(() => DateTimeScalar, { description: 'When the launch was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the launch itself last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
