import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../core/auth/viewer';
import type { ActivityType } from './activity-types';
import { LAUNCH_CHANNEL, notificationPayloadSql } from './activity-notification';

export interface ActivityEntry {
  launchId: string;
  type: ActivityType;
  viewer: Viewer;
  /** Global id of what changed (the launch, a task, a tier, ...). */
  subjectId: string;
  /** One line after the actor's name, e.g. "moved 'Pricing page live' to DONE". */
  action: string;
  /** True when the change touches the checklist: its revision goes up. */
  checklist?: boolean;
  /** The fields it changed, old and new values as strings a person can read. */
  changes?: FieldChange[];
}

/** One changed field: `from`/`to` readable (names, ISO dates, "USD 89.00"), null for no value. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/**
 * Appends one activity row in the caller's transaction, numbered from the
 * launch row (whose lock orders commits), bumps the checklist revision when
 * asked, and queues a NOTIFY that PostgreSQL delivers only at COMMIT (its
 * payload: activity-notification.ts).
 * One statement.
 */
export async function recordActivity(
  manager: EntityManager,
  entry: ActivityEntry,
): Promise<number> {
  const rows: Array<{ seq: number }> = await manager.query(
    `WITH s AS (
       UPDATE launches SET activity_seq = activity_seq + 1,
         checklist_revision = checklist_revision + CASE WHEN $6 THEN 1 ELSE 0 END,
         checklist_updated_at = CASE WHEN $6 THEN now() ELSE checklist_updated_at END
       WHERE id = $1 RETURNING activity_seq),
     ins AS (
       INSERT INTO launch_activity (launch_id, seq, type, actor_id, subject_id, summary, changes)
       SELECT $1, s.activity_seq, $2, $3::uuid, $4,
         coalesce((SELECT name FROM people WHERE id = $3::uuid), 'An admin') || ' ' || $5, $8::jsonb
       FROM s RETURNING seq)
     SELECT seq, pg_notify($7, ${notificationPayloadSql('$1', 'seq', '$6')}) FROM ins`,
    [
      entry.launchId,
      entry.type,
      entry.viewer.personId,
      entry.subjectId,
      entry.action,
      entry.checklist ?? false,
      LAUNCH_CHANNEL,
      JSON.stringify(entry.changes ?? []),
    ],
  );
  return rows[0].seq;
}
