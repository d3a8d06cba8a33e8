import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { Discipline } from '../people/people.enums';
import { SignOffVerdict } from './readiness.enums';

@Entity({ name: 'launch_sign_offs' })
@ObjectType({
  description:
    'One discipline’s verdict on a launch. A later sign-off for the same discipline replaces it.',
})
export class LaunchSignOff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the latest per discipline is the one in force. */
  @Column({ type: 'bigint', insert: false, update: false })
  position: string;

  @Column({ name: 'launch_id', type: 'uuid' })
  launchId: string;

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

  @Field(() => DateTimeScalar, { description: 'When it was given.' })
  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Field(() => Boolean, {
    description:
      'True when, after it, the launch date moved, a live price changed, an approved brief was revised or a required task of this discipline was reopened.',
  })
  @Column({ type: 'boolean' })
  stale: boolean;
}
