import {
  Arg,
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
import type { Context } from '../../core/graphql/context';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { Launch } from '../launches';
import { Person } from '../people';
import { MessagingBrief } from './messaging-brief.entity';
import { MessagingBriefRevision } from './messaging-brief-revision.entity';
import { Positioning, ValuePillar } from './messaging-content.types';
import {
  ApproveMessagingBriefInput,
  CreateMessagingBriefInput,
  RequestMessagingBriefChangesInput,
  SubmitMessagingBriefInput,
  UpdateMessagingBriefInput,
} from './messaging.inputs';
import { MessagingService } from './messaging.service';

@ObjectType({ description: 'The result of a messaging brief mutation.' })
export class MessagingBriefPayload {
  @Field(() => MessagingBrief, { description: 'The brief as committed.' })
  messagingBrief: MessagingBrief;
}

async function current(brief: MessagingBrief, ctx: Context): Promise<MessagingBriefRevision> {
  const revision = await ctx.loaders.briefRevision.load(`${brief.id}:${brief.revision}`);
  if (!revision) throw new Error(`brief ${brief.id} has no revision ${brief.revision}`);
  return revision;
}

function person(ctx: Context, id: string | null): Promise<Person | null> | null {
  return id ? ctx.loaders.personById.load(id) : null;
}

@Resolver(() => MessagingBrief)
export class MessagingBriefResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() brief: MessagingBrief): string {
    return toGlobalId('MessagingBrief', brief.id);
  }

  @FieldResolver(() => String, { description: 'The positioning statement.' })
  async positioningStatement(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<string> {
    return (await current(brief, ctx)).positioningStatement;
  }

  @FieldResolver(() => Positioning, {
    nullable: true,
    description: 'The structured positioning, when it was given.',
  })
  async positioning(
    @Root() brief: MessagingBrief,
    @Ctx() ctx: Context,
  ): Promise<Positioning | null> {
    return (await current(brief, ctx)).positioning;
  }

  @FieldResolver(() => [ValuePillar], { description: 'Value pillars with proof points.' })
  async valuePillars(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<ValuePillar[]> {
    return (await current(brief, ctx)).valuePillars;
  }

  @FieldResolver(() => [String], { description: 'Key messages.' })
  async keyMessages(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<string[]> {
    return (await current(brief, ctx)).keyMessages;
  }

  @FieldResolver(() => [String], { description: 'What the audience would use instead.' })
  async competitiveAlternatives(
    @Root() brief: MessagingBrief,
    @Ctx() ctx: Context,
  ): Promise<string[]> {
    return (await current(brief, ctx)).competitiveAlternatives;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The call to action.' })
  async callToAction(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<string | null> {
    return (await current(brief, ctx)).callToAction;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description:
      'Who approved the current revision; null unless it is APPROVED (or when approved with the bootstrap ADMIN_TOKEN).',
  })
  async approvedBy(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<Person | null> {
    return person(ctx, (await current(brief, ctx)).approvedById);
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'When the current revision was approved.',
  })
  async approvedAt(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<Date | null> {
    return (await current(brief, ctx)).approvedAt;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The comment of the last request for changes on the current revision.',
  })
  async reviewComment(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<string | null> {
    return (await current(brief, ctx)).reviewComment;
  }

  @FieldResolver(() => Person, {
    description: "The brief's owner (by default the launch's PMM owner).",
  })
  async owner(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<Person> {
    const found = await person(ctx, brief.ownerId);
    if (!found) throw new Error(`owner ${brief.ownerId} missing`);
    return found;
  }

  @FieldResolver(() => Launch, { description: 'The launch.' })
  async launch(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<Launch> {
    const launch = await ctx.loaders.launchById.load(brief.launchId);
    if (!launch) throw new Error(`launch ${brief.launchId} missing`);
    return launch;
  }

  @FieldResolver(() => [MessagingBriefRevision], { description: 'Every revision, oldest first.' })
  revisions(@Root() brief: MessagingBrief, @Ctx() ctx: Context): Promise<MessagingBriefRevision[]> {
    return ctx.loaders.revisionsByBriefId.load(brief.id);
  }

  @Authorized()
  @Query(() => MessagingBrief, {
    nullable: true,
    description: 'One messaging brief; null when none has this id.',
  })
  messagingBrief(
    @Arg('id', () => ID, { description: 'The brief id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<MessagingBrief | null> {
    return ctx.loaders.briefById.load(fromGlobalId(id, 'MessagingBrief', 'id'));
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => MessagingBriefPayload, {
    description: 'Create a brief for one audience of a launch (revision 1, DRAFT).',
  })
  async createMessagingBrief(
    @Arg('input', () => CreateMessagingBriefInput, { description: 'The brief.' })
    input: CreateMessagingBriefInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingBriefPayload> {
    return { messagingBrief: await new MessagingService(ctx.dataSource).create(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => MessagingBriefPayload, {
    description: 'Edit a brief: a new DRAFT revision; history keeps the old ones.',
  })
  async updateMessagingBrief(
    @Arg('input', () => UpdateMessagingBriefInput, { description: 'The changes.' })
    input: UpdateMessagingBriefInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingBriefPayload> {
    return { messagingBrief: await new MessagingService(ctx.dataSource).update(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => MessagingBriefPayload, {
    description: 'Submit a DRAFT for review (needs a positioning statement and a key message).',
  })
  async submitMessagingBrief(
    @Arg('input', () => SubmitMessagingBriefInput, { description: 'The brief.' })
    input: SubmitMessagingBriefInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingBriefPayload> {
    return { messagingBrief: await new MessagingService(ctx.dataSource).submit(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => MessagingBriefPayload, {
    description: 'Approve a brief IN_REVIEW (the PMM owner or an admin).',
  })
  async approveMessagingBrief(
    @Arg('input', () => ApproveMessagingBriefInput, { description: 'The brief.' })
    input: ApproveMessagingBriefInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingBriefPayload> {
    return {
      messagingBrief: await new MessagingService(ctx.dataSource).approve(ctx.viewer, input),
    };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => MessagingBriefPayload, {
    description: 'Send a brief IN_REVIEW back to DRAFT with a comment.',
  })
  async requestMessagingBriefChanges(
    @Arg('input', () => RequestMessagingBriefChangesInput, {
      description: 'The brief and the comment.',
    })
    input: RequestMessagingBriefChangesInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingBriefPayload> {
    return {
      messagingBrief: await new MessagingService(ctx.dataSource).requestChanges(ctx.viewer, input),
    };
  }
}

@Resolver(() => MessagingBriefRevision)
export class MessagingBriefRevisionResolver {
  @FieldResolver(() => ID, {
    description: 'Opaque global id of this revision (its brief and number), for client caches.',
  })
  id(@Root() revision: MessagingBriefRevision): string {
    return toGlobalId('MessagingBriefRevision', `${revision.briefId}:${revision.revision}`);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who wrote this revision; null for the bootstrap admin credential.',
  })
  author(
    @Root() revision: MessagingBriefRevision,
    @Ctx() ctx: Context,
  ): Promise<Person | null> | null {
    return person(ctx, revision.authorId);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who approved this revision.' })
  approvedBy(
    @Root() revision: MessagingBriefRevision,
    @Ctx() ctx: Context,
  ): Promise<Person | null> | null {
    return person(ctx, revision.approvedById);
  }
}

@Resolver(() => Launch)
export class LaunchMessagingResolver {
  @FieldResolver(() => [MessagingBrief], {
    description: 'The messaging briefs, one per audience, by audience.',
  })
  messagingBriefs(@Root() launch: Launch, @Ctx() ctx: Context): Promise<MessagingBrief[]> {
    return ctx.loaders.briefsByLaunchId.load(launch.id);
  }
}
