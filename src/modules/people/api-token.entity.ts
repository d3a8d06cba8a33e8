import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';

@Entity({ name: 'api_tokens' })
@ObjectType({
  implements: Node,
  description:
    'An API token of a person. The secret is shown once, at creation; only its SHA-256 hash is stored.',
})
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Field(() => String, { description: 'What the token is for, e.g. "launch dashboard".' })
  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Field(() => DateTimeScalar, { description: 'When the token was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the token was revoked; null while it is valid.',
  })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
