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
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { Discipline, Person } from '../people';
import {
  LaunchDecision,
  LaunchSignOff,
  ReadinessService,
  RecordLaunchDecisionInput,
  requiredSignOffs,
} from '../readiness';
import { toEntity } from '../../core/db/sql';
import { Launch } from './launch.entity';
import {
  CreateLaunchInput,
  LaunchFilter,
  LaunchOrder,
  TransitionLaunchInput,
  UpdateLaunchInput,
} from './launches.inputs';
import { LaunchesService } from './launches.service';

export const { ConnectionType: LaunchConnection } = connectionTypes(Launch, 'Launch', 'launch');

@ObjectType({ description: 'The result of a launch mutation.' })
export class LaunchPayload {
  @Field(() => Launch, { description: 'The launch as committed.' })
  launch: Launch;
}

@ObjectType({ description: 'The result of recordLaunchDecision.' })
export class RecordLaunchDecisionPayload {
  @Field(() => LaunchDecision, { description: 'The decision as committed.' })
  decision: LaunchDecision;

  @Field(() => Launch, { description: 'The launch after it (NO_GO moves READY back to PLANNING).' })
  launch: Launch;
}

async function person(ctx: Context, id: string): Promise<Person> {
  const found = await ctx.loaders.personById.load(id);
  if (!found) throw new Error(`person ${id} missing`);
  return found;
}

@Resolver(() => Launch)
export class LaunchResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() launch: Launch): string {
    return toGlobalId('Launch', launch.id);
  }

  @FieldResolver(() => Person, { description: 'The PM owner: what ships and when.' })
  pmOwner(@Root() launch: Launch, @Ctx() ctx: Context): Promise<Person> {
    return person(ctx, launch.pmOwnerId);
  }

  @FieldResolver(() => Person, {
    description: 'The PMM owner: positioning, messaging, pricing, sales readiness.',
  })
  pmmOwner(@Root() launch: Launch, @Ctx() ctx: Context): Promise<Person> {
    return person(ctx, launch.pmmOwnerId);
  }

  @FieldResolver(() => [Discipline], {
    description: 'The disciplines whose sign-off this tier needs, in Discipline order.',
  })
  requiredSignOffs(@Root() launch: Launch): Discipline[] {
    return requiredSignOffs(launch.tier);
  }

  @FieldResolver(() => [LaunchSignOff], {
    description: 'The sign-off in force per discipline (the latest), in Discipline order.',
  })
  signOffs(@Root() launch: Launch, @Ctx() ctx: Context): Promise<LaunchSignOff[]> {
    return ctx.loaders.signOffsByLaunchId.load(launch.id);
  }

  @FieldResolver(() => LaunchDecision, {
    nullable: true,
    description: 'The latest go/no-go decision, stale or not; null before the first.',
  })
  async currentDecision(
    @Root() launch: Launch,
    @Ctx() ctx: Context,
  ): Promise<LaunchDecision | null> {
    return (await ctx.loaders.decisionsByLaunchId.load(launch.id))[0] ?? null;
  }

  @FieldResolver(() => [LaunchDecision], { description: 'Every decision, newest first.' })
  decisions(@Root() launch: Launch, @Ctx() ctx: Context): Promise<LaunchDecision[]> {
    return ctx.loaders.decisionsByLaunchId.load(launch.id);
  }

  @Authorized()
  @Query(() => Launch, {
    nullable: true,
    description: 'One launch; null when no launch has this id.',
  })
  launch(
    @Arg('id', () => ID, { description: 'The launch id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Launch | null> {
    return ctx.loaders.launchById.load(fromGlobalId(id, 'Launch', 'id'));
  }

  @Authorized()
  @Query(() => LaunchConnection, {
    description: 'The launch board: filtered, sorted (launch date by default), paged.',
  })
  launches(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => LaunchFilter, { nullable: true, description: 'Narrow the board.' })
    filter: LaunchFilter | null,
    @Arg('orderBy', () => LaunchOrder, {
      nullable: true,
      description: 'Sort order; LAUNCH_DATE ASC by default.',
    })
    orderBy: LaunchOrder | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Launch>> {
    return new LaunchesService(ctx.dataSource).list({ ...args, filter, orderBy });
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => LaunchPayload, {
    description: "Create a launch; with applyTemplate (default) its tier's tasks too.",
  })
  async createLaunch(
    @Arg('input', () => CreateLaunchInput, { description: 'The new launch.' })
    input: CreateLaunchInput,
    @Ctx() ctx: Context,
  ): Promise<LaunchPayload> {
    const { launch, owners } = await new LaunchesService(ctx.dataSource).create(ctx.viewer, input);
    // The owners as the transaction read them: the payload reads no people after COMMIT.
    for (const owner of owners) ctx.loaders.personById.prime(owner.id, owner);
    return { launch };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => LaunchPayload, { description: 'Change a launch (its owners or an admin).' })
  async updateLaunch(
    @Arg('input', () => UpdateLaunchInput, { description: 'The changes.' })
    input: UpdateLaunchInput,
    @Ctx() ctx: Context,
  ): Promise<LaunchPayload> {
    return { launch: await new LaunchesService(ctx.dataSource).update(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => RecordLaunchDecisionPayload, {
    description:
      'Record a go/no-go decision (the PM owner, the PMM owner or an admin). GO and CONDITIONAL_GO need the sign-offs (and for GO the PRE_LAUNCH work) DESIGN.md names; a refusal is FAILED_PRECONDITION with extensions.missing.',
  })
  async recordLaunchDecision(
    @Arg('input', () => RecordLaunchDecisionInput, { description: 'The decision.' })
    input: RecordLaunchDecisionInput,
    @Ctx() ctx: Context,
  ): Promise<RecordLaunchDecisionPayload> {
    const { decision, launchRow } = await new ReadinessService(ctx.dataSource).decide(
      ctx.viewer,
      input,
    );
    return { decision, launch: toEntity(ctx.dataSource.manager, Launch, launchRow) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => LaunchPayload, {
    description:
      'Move a launch through PLANNING, READY, LAUNCHED, CANCELLED. READY and LAUNCHED need a current GO or CONDITIONAL_GO and the required PRE_LAUNCH work closed.',
  })
  async transitionLaunch(
    @Arg('input', () => TransitionLaunchInput, { description: 'The move.' })
    input: TransitionLaunchInput,
    @Ctx() ctx: Context,
  ): Promise<LaunchPayload> {
    return { launch: await new LaunchesService(ctx.dataSource).transition(ctx.viewer, input) };
  }
}
