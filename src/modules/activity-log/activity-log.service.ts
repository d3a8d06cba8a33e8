import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../core/auth/viewer';
import type { ActivityType } from './activity-log.enums';
import { LAUNCH_CHANNEL, notificationPayloadSql } from './activity-notification.sql';

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

/** The activity CTEs `s` (launch counters) and `ins` (the row), placeholders through `p`. */
function activityCtes(p: (i: number) => string): string {
  return `s AS (
       UPDATE launches SET activity_seq = activity_seq + 1,
         checklist_revision = checklist_revision + CASE WHEN ${p(6)} THEN 1 ELSE 0 END,
         checklist_updated_at = CASE WHEN ${p(6)} THEN now() ELSE checklist_updated_at END
       WHERE id = ${p(1)} RETURNING activity_seq),
     ins AS (
       INSERT INTO launch_activity (launch_id, seq, type, actor_id, subject_id, summary, changes)
       SELECT ${p(1)}, s.activity_seq, ${p(2)}, ${p(3)}::uuid, ${p(4)},
         coalesce((SELECT name FROM people WHERE id = ${p(3)}::uuid), 'An admin') || ' ' || ${p(5)},
         ${p(8)}::jsonb
       FROM s RETURNING seq)`;
}

function activityParams(entry: ActivityEntry): unknown[] {
  return [
    entry.launchId,
    entry.type,
    entry.viewer.personId,
    entry.subjectId,
    entry.action,
    entry.checklist ?? false,
    LAUNCH_CHANNEL,
    JSON.stringify(entry.changes ?? []),
  ];
}

/**
 * Appends one activity row in the caller's transaction, numbered from the
 * launch row (whose lock orders commits), bumps the checklist revision when
 * asked, and queues a NOTIFY that PostgreSQL delivers only at COMMIT (its
 * payload: activity-notification.sql.ts).
 * One statement.
 */
export async function recordActivity(
  manager: EntityManager,
  entry: ActivityEntry,
): Promise<number> {
  const p = (i: number) => `$${i}`;
  const rows: Array<{ seq: number }> = await manager.query(
    `WITH ${activityCtes(p)}
     SELECT seq, pg_notify($7, ${notificationPayloadSql('$1', '$6')}) FROM ins`,
    activityParams(entry),
  );
  return rows[0].seq;
}

/**
 * A change and its activity row in one statement: `change` is one
 * data-modifying statement ending in RETURNING, with its own placeholders
 * $1..$n; its returned rows come back (none when it changed nothing; the
 * caller then throws, and the rollback takes the activity row with it).
 */
export async function changeWithActivity(
  manager: EntityManager,
  change: { sql: string; params: unknown[] },
  entry: ActivityEntry,
): Promise<Array<Record<string, unknown>>> {
  const n = change.params.length;
  const p = (i: number) => `$${n + i}`;
  const rows: Array<Record<string, unknown>> = await manager.query(
    `WITH changed AS (${change.sql}), ${activityCtes(p)}
     SELECT changed.*, pg_notify(${p(7)}, ${notificationPayloadSql(p(1), p(6))}) AS "__notified"
     FROM changed CROSS JOIN ins`,
    [...change.params, ...activityParams(entry)],
  );
  return rows;
}
