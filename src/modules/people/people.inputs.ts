import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsName } from '../../core/graphql/validators';
import { AccessLevel, Discipline } from './people.enums';

@InputType({ description: 'Narrows the people list; all given conditions must hold.' })
export class PersonFilter {
  @Field(() => [Discipline], {
    nullable: true,
    description: 'Only people with one of these disciplines.',
  })
  discipline?: Discipline[] | null;

  @MaxLength(200)
  @IsOptional()
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text matched against name and email.',
  })
  search?: string | null;
}

@InputType({ description: 'A new person.' })
export class CreatePersonInput {
  @IsName()
  @Field(() => String, { description: 'Full name, 1 to 200 characters after trimming.' })
  name: string;

  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  @Field(() => String, { description: 'Email address; unique regardless of case.' })
  email: string;

  @Field(() => Discipline, { description: "The person's function." })
  discipline: Discipline;

  @Field(() => AccessLevel, {
    nullable: true,
    defaultValue: AccessLevel.MEMBER,
    description: 'Access level; MEMBER by default (also when null).',
  })
  accessLevel?: AccessLevel | null;
}

@InputType({ description: 'A new API token for a person.' })
export class CreateApiTokenInput {
  @Field(() => ID, {
    description: 'The person the token acts as. Members may only create tokens for themselves.',
  })
  personId: string;

  @IsName()
  @Field(() => String, { description: 'What the token is for, 1 to 200 characters.' })
  label: string;
}

@InputType({ description: 'Revoke an API token; it stops working at once.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: 'The API token to revoke.' })
  id: string;
}
