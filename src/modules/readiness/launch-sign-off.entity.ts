import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ForeignKey, sqlIn } from '../../core/db/schema-decorators';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { Discipline } from '../people';
import { SignOffVerdict } from './readiness.enums';

@Entity({ name: 'launch_sign_offs' })
@Check('launch_sign_offs_discipline_check', sqlIn('discipline', Discipline))
@Check('launch_sign_offs_verdict_check', sqlIn('verdict', SignOffVerdict))
@Check('launch_sign_offs_note_check', 'length(note) <= 10000')
@Index('launch_sign_offs_launch_idx', { synchronize: false }) // (launch_id, discipline, position DESC)
@ObjectType({
  description:
    'One discipline’s verdict on a launch. A later sign-off for the same discipline replaces it.',
})
export class LaunchSignOff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the latest per discipline is the one in force. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  @Generated('increment')
  position: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

  @ForeignKey('Launch', {
    name: 'launch_sign_offs_launch_id_fkey',
    columns: { launch_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly launchFk?: never;

  @Field(() => Discipline, { description: 'The discipline signing off.' })
  @Column({ type: 'text' })
  discipline: Discipline;

  @Field(() => SignOffVerdict, { description: 'GO, CONCERNS or NO_GO.' })
  @Column({ type: 'text' })
  verdict: SignOffVerdict;

  @Field(() => String, {
    nullable: true,
    description: 'Why; required with CONCERNS and NO_GO.',
  })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'signed_by_id', type: 'uuid', nullable: true })
  signedById: string | null;

  @ForeignKey('Person', {
    name: 'launch_sign_offs_signed_by_id_fkey',
    columns: { signed_by_id: 'id' },
  })
  readonly signedByFk?: never;

  @Field(() => DateTimeScalar, { description: 'When it was given.' })
  @Column({ name: 'signed_at', type: 'timestamptz', default: () => 'now()' })
  signedAt: Date;

  @Field(() => Boolean, {
    description:
      'True when, after it, the launch date moved, a live price changed, an approved brief was revised or a required task of this discipline was reopened.',
  })
  @Column({ type: 'boolean', default: false })
  stale: boolean;
}
