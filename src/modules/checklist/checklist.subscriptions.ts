import { AppError } from '../../core/errors';
import type { Context } from '../../core/graphql/context';
import { fromGlobalId } from '../../core/graphql/global-id';
import type { ShareableField } from '../../core/http/shared-subscriptions';
import { ChecklistErrorReason } from './checklist.errors';

/** The launch a checklistStatusChanged subscription watches; NOT_FOUND when there is none. */
export async function checklistStatusTopic(context: Context, launchId: string): Promise<string> {
  const id = fromGlobalId(launchId, 'Launch', 'launchId');
  const rows: unknown[] = await context.dataSource.query('SELECT 1 FROM launches WHERE id = $1', [
    id,
  ]);
  if (rows.length === 0) throw AppError.notFound('Launch', ChecklistErrorReason.LAUNCH_NOT_FOUND);
  return id;
}

/**
 * checklistStatusChanged is the same for every reader of a launch: its
 * subscribers over graphql-ws share one execution per change.
 */
export const checklistStatusChanged: ShareableField<Context> = {
  topic: (args, context) => checklistStatusTopic(context, String(args.launchId)),
  source: (launchId, context) => context.events.subscribeStatus(launchId),
};
