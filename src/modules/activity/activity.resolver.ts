import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { AppError } from '../../core/errors';
import { ConnectionArgs, connectionTypes, type Connection } from '../../core/graphql/connection';
import type { Context } from '../../core/graphql/context';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { Launch } from '../launches';
import { Person } from '../people';
import { ActivityService, activityCursor, seqFromCursor } from './activity.service';
import { LaunchActivity } from './launch-activity.entity';
import { ActivityErrorReason } from './activity.errors';

export const { ConnectionType: LaunchActivityConnection } = connectionTypes(
  LaunchActivity,
  'LaunchActivity',
  'activity',
);

/** Bytes a socket may hold unsent before a slow activity subscriber is closed. */
export const SOCKET_BUFFER_LIMIT = 1024 * 1024;
export const SLOW_CONSUMER_CLOSE_CODE = 4429;

@Resolver(() => LaunchActivity)
export class LaunchActivityResolver {
  @FieldResolver(() => ID, {
    description:
      'Opaque global id of this row (its launch and sequence number), for client caches.',
  })
  id(@Root() row: LaunchActivity): string {
    return toGlobalId('LaunchActivity', `${row.launchId}:${row.seq}`);
  }

  @FieldResolver(() => String, {
    description: 'Opaque cursor: pass it as `after` to page on or to resume a subscription.',
  })
  cursor(@Root() row: LaunchActivity): string {
    return activityCursor(row);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who made the change; null for the bootstrap admin credential.',
  })
  actor(@Root() row: LaunchActivity, @Ctx() ctx: Context): Promise<Person | null> | null {
    return row.actorId ? ctx.loaders.personById.load(row.actorId) : null;
  }

  @Subscription(() => LaunchActivity, {
    description:
      'The activity log of a launch: the rows after `after`, then live rows, with no gap and no duplicate. Without `after`, only new rows.',
    subscribe: async ({
      args,
      context,
    }: {
      args: { launchId: string; after?: string | null };
      context: Context;
    }) => {
      const id = fromGlobalId(args.launchId, 'Launch', 'launchId');
      if (!(await context.loaders.launchById.load(id)))
        throw AppError.notFound('Launch', ActivityErrorReason.LAUNCH_NOT_FOUND);
      const after = args.after ? seqFromCursor(id, args.after) : null;
      const socket = context.socket;
      return context.events.subscribeActivity(
        id,
        after,
        socket && {
          overloaded: () => socket.bufferedAmount > SOCKET_BUFFER_LIMIT,
          shed: () =>
            socket.close(SLOW_CONSUMER_CLOSE_CODE, 'Slow consumer: resume with your last cursor'),
        },
      );
    },
  })
  launchActivity(
    @Root() row: LaunchActivity,
    @Arg('launchId', () => ID, { description: 'The launch.' }) _launchId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this cursor.' })
    _after: string | null,
  ): LaunchActivity {
    return row;
  }
}

@Resolver(() => Launch)
export class LaunchActivityLogResolver {
  @FieldResolver(() => LaunchActivityConnection, {
    description: 'Every committed change to the launch, oldest first.',
  })
  activity(
    @Root() launch: Launch,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<LaunchActivity>> {
    return ctx.loaders.once.get(`Launch.activity ${launch.id} ${JSON.stringify(args)}`, () =>
      new ActivityService(ctx.dataSource).list(launch.id, args),
    );
  }
}
