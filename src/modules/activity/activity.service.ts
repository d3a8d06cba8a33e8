import type { DataSource } from 'typeorm';
import { sql, sqlEntities } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import {
  decodeCursor,
  encodeCursor,
  fetchPage,
  type Connection,
} from '../../core/graphql/connection';
import { LaunchActivity } from './launch-activity.entity';
import { ActivityErrorReason } from './activity.errors';

/** The cursor of an activity row: opaque, naming its launch and its place in the log. */
export function activityCursor(row: { launchId: string; seq: number }): string {
  return encodeCursor([row.launchId, String(row.seq)]);
}

/** The seq a cursor points at; BAD_USER_INPUT on `after` if malformed or of another launch. */
export function seqFromCursor(launchId: string, after: string): number {
  const [cursorLaunch, seq] = decodeCursor(after, 2);
  if (!/^\d+$/.test(seq))
    throw AppError.badInput(
      'after',
      '"after" is not a valid cursor',
      ActivityErrorReason.INVALID_VALUE,
    );
  if (cursorLaunch !== launchId)
    throw AppError.badInput(
      'after',
      '"after" is a cursor of another launch',
      ActivityErrorReason.CURSOR_OF_OTHER_LAUNCH,
    );
  return Number(seq);
}

export class ActivityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The log oldest first, so a client can page it and then subscribe from its endCursor. */
  list(
    launchId: string,
    args: { first: number; after?: string | null },
  ): Promise<Connection<LaunchActivity>> {
    if (args.after) seqFromCursor(launchId, args.after);
    return fetchPage({
      manager: this.dataSource.manager,
      entity: LaunchActivity,
      alias: 'a',
      from: 'launch_activity a',
      where: ['a.launch_id = $1'],
      params: [launchId],
      sortKeys: ['a.launch_id', 'a.seq'],
      sortCasts: ['uuid', 'int'],
      direction: 'ASC',
      first: args.first,
      after: args.after,
    });
  }

  /** Rows after `seq`, oldest first (the fan-out reads these once per change). */
  after(launchId: string, seq: number): Promise<LaunchActivity[]> {
    return sqlEntities(
      this.dataSource.manager,
      LaunchActivity,
      'SELECT * FROM launch_activity WHERE launch_id = $1 AND seq > $2 ORDER BY seq',
      [launchId, seq],
    );
  }

  /** The launch's latest seq. */
  async head(launchId: string): Promise<number> {
    const rows = await sql<{ seq: number }>(
      this.dataSource.manager,
      'SELECT activity_seq AS seq FROM launches WHERE id = $1',
      [launchId],
    );
    return rows[0]?.seq ?? 0;
  }
}
