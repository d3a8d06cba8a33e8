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
import { Person } from '../people';
import { LaunchDecision, LaunchDecisionCondition } from './launch-decision.entity';
import { LaunchSignOff } from './launch-sign-off.entity';
import { SignOffLaunchInput } from './readiness.inputs';
import { ReadinessService } from './readiness.service';

@ObjectType({ description: 'The result of signOffLaunch.' })
export class SignOffLaunchPayload {
  @Field(() => LaunchSignOff, { description: 'The sign-off as committed.' })
  signOff: LaunchSignOff;
}

async function personOrNull(ctx: Context, id: string | null): Promise<Person | null> {
  return id ? ctx.loaders.personById.load(id) : null;
}

@Resolver()
export class SignOffResolver {
  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => SignOffLaunchPayload, {
    description:
      'Sign off a launch for one discipline: a MEMBER or ADMIN of that discipline, or any admin. Replaces that discipline’s earlier sign-off.',
  })
  async signOffLaunch(
    @Arg('input', () => SignOffLaunchInput, { description: 'The sign-off.' })
    input: SignOffLaunchInput,
    @Ctx() ctx: Context,
  ): Promise<SignOffLaunchPayload> {
    return { signOff: await new ReadinessService(ctx.dataSource).signOff(ctx.viewer, input) };
  }
}

@Resolver(() => LaunchSignOff)
export class LaunchSignOffResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() signOff: LaunchSignOff): string {
    return toGlobalId('LaunchSignOff', signOff.id);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who signed; null for the bootstrap admin credential.',
  })
  signedBy(@Root() signOff: LaunchSignOff, @Ctx() ctx: Context): Promise<Person | null> {
    return personOrNull(ctx, signOff.signedById);
  }
}

@Resolver(() => LaunchDecision)
export class LaunchDecisionResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() decision: LaunchDecision): string {
    return toGlobalId('LaunchDecision', decision.id);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who decided; null for the bootstrap admin credential.',
  })
  decidedBy(@Root() decision: LaunchDecision, @Ctx() ctx: Context): Promise<Person | null> {
    return personOrNull(ctx, decision.decidedById);
  }

  @FieldResolver(() => Boolean, {
    description: 'True when something it vouched for changed after it (see staleReasons).',
  })
  stale(@Root() decision: LaunchDecision): boolean {
    return decision.staleReasons.length > 0;
  }

  @FieldResolver(() => [LaunchDecisionCondition], {
    description: 'The conditions of a CONDITIONAL_GO; empty otherwise.',
  })
  conditions(@Root() decision: LaunchDecision): LaunchDecisionCondition[] {
    return decision.conditions.map((c) => ({ ...c }));
  }
}

@Resolver(() => LaunchDecisionCondition)
export class LaunchDecisionConditionResolver {
  @FieldResolver(() => Person, { description: 'Who sees to the condition.' })
  async owner(@Root() condition: LaunchDecisionCondition, @Ctx() ctx: Context): Promise<Person> {
    const person = await ctx.loaders.personById.load(condition.ownerId);
    if (!person) throw new Error(`person ${condition.ownerId} missing`);
    return person;
  }
}
