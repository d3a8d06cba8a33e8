import type { EntityManager } from 'typeorm';
import { sql } from '../../core/db/sql';
import type { Discipline } from '../people';
import { StaleReason } from './readiness.enums';

/**
 * Marks what a change invalidates, in the caller's transaction: the launch's
 * sign-offs (all of them, or one discipline's for a reopened task; never for
 * a replaced sign-off) and its latest decision (the reason appended once).
 * Returns true when anything became stale, so the caller bumps the checklist
 * revision and subscribers hear of it. One statement.
 */
export async function markStale(
  manager: EntityManager,
  launchId: string,
  reason: StaleReason,
  options: { discipline?: Discipline } = {},
): Promise<boolean> {
  const signOffs = reason !== StaleReason.SIGN_OFF_CHANGED;
  const rows = await sql<{ changed: number }>(
    manager,
    `WITH s AS (
       UPDATE launch_sign_offs SET stale = true
       WHERE $3 AND launch_id = $1 AND NOT stale AND ($4::text IS NULL OR discipline = $4)
       RETURNING 1),
     d AS (
       UPDATE launch_decisions SET stale_reasons = array_append(stale_reasons, $2)
       WHERE id = (SELECT id FROM launch_decisions WHERE launch_id = $1 ORDER BY position DESC LIMIT 1)
         AND NOT ($2 = ANY(stale_reasons))
       RETURNING 1)
     SELECT ((SELECT count(*) FROM s) + (SELECT count(*) FROM d))::int AS changed`,
    [launchId, reason, signOffs, options.discipline ?? null],
  );
  return rows[0].changed > 0;
}
