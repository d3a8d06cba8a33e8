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
import { LaunchStatus, LaunchTier } from './launches.enums';

@Entity({ name: 'launches' })
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
  @Column({ type: 'text' })
  status: LaunchStatus;

  @Column({ name: 'pm_owner_id', type: 'uuid' })
  pmOwnerId: string;

  @Column({ name: 'pmm_owner_id', type: 'uuid' })
  pmmOwnerId: string;

  @Field(() => Int, {
    description: 'Bumped by every change to the launch; pass it as expectedVersion.',
  })
  @Column({ type: 'integer' })
  version: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the launch moved to LAUNCHED; null before.',
  })
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt: Date | null;

  @Column({ name: 'checklist_revision', type: 'integer' })
  checklistRevision: number;

  @Column({ name: 'checklist_updated_at', type: 'timestamptz' })
  checklistUpdatedAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the launch was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the launch itself last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
