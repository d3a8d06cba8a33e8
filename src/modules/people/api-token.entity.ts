import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ForeignKey } from '../../core/db/schema-decorators';
import { Node } from '../../core/graphql/node';
import { DateTimeScalar } from '../../core/graphql/scalars';

@Entity({ name: 'api_tokens' })
@Unique('api_tokens_token_hash_key', ['tokenHash'])
@Index('api_tokens_person_id_idx', ['personId'])
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

  @ForeignKey('Person', {
    name: 'api_tokens_person_id_fkey',
    columns: { person_id: 'id' },
    onDelete: 'CASCADE',
  })
  readonly personFk?: never;

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
