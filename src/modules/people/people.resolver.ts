import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { AccessLevel } from '../../core/auth/access-level';
import { ConnectionArgs, connectionTypes, type Connection } from '../../core/graphql/connection';
import type { Context } from '../../core/graphql/context';
import { toGlobalId } from '../../core/graphql/global-id';
import { CreatePersonInput, PersonFilter } from './people.inputs';
import { PeopleService } from './people.service';
import { Person } from './person.entity';

export const { ConnectionType: PersonConnection } = connectionTypes(Person, 'Person', 'person');

@ObjectType({ description: 'The result of createPerson.' })
export class CreatePersonPayload {
  @Field(() => Person, { description: 'The person created.' })
  person: Person;
}

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() person: Person): string {
    return toGlobalId('Person', person.id);
  }

  @Authorized()
  @Query(() => Person, {
    nullable: true,
    description: 'The person behind the API token; null for the bootstrap ADMIN_TOKEN.',
  })
  me(@Ctx() ctx: Context): Promise<Person | null> | null {
    return ctx.viewer.personId ? ctx.loaders.personById.load(ctx.viewer.personId) : null;
  }

  @Authorized()
  @Query(() => PersonConnection, { description: 'Everyone, by name, a page at a time.' })
  people(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => PersonFilter, { nullable: true, description: 'Narrow the list.' })
    filter: PersonFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Person>> {
    return new PeopleService(ctx.dataSource).list({ ...args, filter });
  }

  @Authorized(AccessLevel.ADMIN)
  @Mutation(() => CreatePersonPayload, { description: 'Add a person (admins only).' })
  async createPerson(
    @Arg('input', () => CreatePersonInput, { description: 'The new person.' })
    input: CreatePersonInput,
    @Ctx() ctx: Context,
  ): Promise<CreatePersonPayload> {
    return { person: await new PeopleService(ctx.dataSource).create(input) };
  }
}
