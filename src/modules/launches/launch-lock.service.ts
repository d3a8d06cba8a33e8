import type { EntityManager } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import { Launch } from './launch.entity';
import { LaunchesErrorReason } from './launches.errors';

// Every write to a launch or to what it owns takes the launch's row lock first,
// so writes to one launch queue up there and what they read under it is current.

/** Locks the launch row for the rest of the transaction: checklist changes to one launch queue up here. */
export async function lockLaunch(manager: EntityManager, launchId: string): Promise<Launch> {
  const [launch] = await sqlEntities(
    manager,
    Launch,
    'SELECT * FROM launches WHERE id = $1 FOR UPDATE',
    [launchId],
  );
  if (!launch) throw AppError.notFound('Launch', LaunchesErrorReason.LAUNCH_NOT_FOUND);
  return launch;
}

/** Locks the launch named by `launchId` of a create input; a launch that is not there is BAD_USER_INPUT. */
export async function lockLaunchOf(
  manager: EntityManager,
  launchGlobalId: string,
): Promise<Launch> {
  const id = fromGlobalId(launchGlobalId, 'Launch', 'launchId');
  return lockLaunch(manager, id).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND'
      ? AppError.badInput('launchId', 'No launch has this id', LaunchesErrorReason.UNKNOWN_ID)
      : error;
  });
}

/** Tables whose rows belong to one launch (their `launch_id`). */
export type LaunchOwnedTable = 'tasks' | 'pricing_tiers' | 'pricing_scenarios' | 'messaging_briefs';

/**
 * The one write primitive for what a launch owns: locks the launch that owns
 * row `id` of `table` (found through the row), then reads the row under that
 * lock with `read`. Null when there is no such row; the caller says NOT_FOUND
 * with its own reason. One statement plus what `read` runs.
 */
export async function lockOwnerAndRead<T>(
  manager: EntityManager,
  owned: { table: LaunchOwnedTable; id: string },
  read: () => Promise<T | undefined>,
): Promise<{ launch: Launch; row: T } | null> {
  const [launch] = await sqlEntities(
    manager,
    Launch,
    `SELECT * FROM launches WHERE id = (SELECT launch_id FROM ${owned.table} WHERE id = $1) FOR UPDATE`,
    [owned.id],
  );
  if (!launch) return null;
  const row = await read();
  return row === undefined ? null : { launch, row };
}
