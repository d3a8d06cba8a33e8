/**
 * The NOTIFY that tells every instance a launch changed. recordActivity
 * queues it in SQL (PostgreSQL delivers it at COMMIT); the LISTEN connection
 * in core/events hands each payload to parseNotification. Payload:
 * "launchId:seq:checklistFlag", far below the 8000-byte limit.
 */
export const LAUNCH_CHANNEL = 'launch_changed';

/** SQL for the payload, from SQL expressions for the launch id, the seq and the checklist flag. */
export function notificationPayloadSql(launchId: string, seq: string, checklist: string): string {
  return `${launchId}::text || ':' || ${seq} || ':' || CASE WHEN ${checklist} THEN 1 ELSE 0 END`;
}

/** Parses the NOTIFY payload "launchId:seq:checklistFlag". */
export function parseNotification(
  payload: string,
): { launchId: string; seq: number; checklist: boolean } | null {
  const [launchId, seq, flag] = payload.split(':');
  if (!launchId || !seq) return null;
  return { launchId, seq: Number(seq), checklist: flag === '1' };
}
