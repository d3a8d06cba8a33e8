import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { AccessLevel } from '../../core/auth/access-level';
import type { Context } from '../../core/graphql/context';
import { toGlobalId } from '../../core/graphql/global-id';
import { ApiToken } from './api-token.entity';
import { CreateApiTokenInput, RevokeApiTokenInput } from './people.inputs';
import { PeopleService } from './people.service';
import { Person } from './person.entity';

@ObjectType({ description: 'The result of createApiToken: the only time the secret is shown.' })
export class CreateApiTokenPayload {
  @Field(() => String, { description: 'The secret token. Store it now; it cannot be read again.' })
  token: string;

  @Field(() => ApiToken, { description: 'The token record.' })
  apiToken: ApiToken;
}

@ObjectType({ description: 'The result of revokeApiToken.' })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { description: 'The revoked token.' })
  apiToken: ApiToken;
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() token: ApiToken): string {
    return toGlobalId('ApiToken', token.id);
  }

  @FieldResolver(() => Person, { description: 'The person the token acts as.' })
  async person(@Root() token: ApiToken, @Ctx() ctx: Context): Promise<Person> {
    const person = await ctx.loaders.personById.load(token.personId);
    if (!person) throw new Error(`token ${token.id} has no person`);
    return person;
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => CreateApiTokenPayload, {
    description: 'Issue an API token: admins for anyone, members for themselves.',
  })
  createApiToken(
    @Arg('input', () => CreateApiTokenInput, { description: 'Who the token is for and its label.' })
    input: CreateApiTokenInput,
    @Ctx() ctx: Context,
  ): Promise<CreateApiTokenPayload> {
    return new PeopleService(ctx.dataSource).createToken(ctx.viewer, input);
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => RevokeApiTokenPayload, {
    description: 'Revoke an API token: admins any, members their own. It fails at once afterwards.',
  })
  async revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput, { description: 'The token to revoke.' })
    input: RevokeApiTokenInput,
    @Ctx() ctx: Context,
  ): Promise<RevokeApiTokenPayload> {
    return { apiToken: await new PeopleService(ctx.dataSource).revokeToken(ctx.viewer, input.id) };
  }
}
