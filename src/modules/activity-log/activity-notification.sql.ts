/**
 * The NOTIFY that tells every instance a launch changed. recordActivity
 * queues it in SQL (PostgreSQL delivers it at COMMIT); the LISTEN connection
 * in core/events hands each payload to parseNotification. Payload:
 * "launchId:checklistFlag". No seq: listeners read the rows after their own
 * cursor, and equal payloads of one transaction are delivered once.
 */
export const LAUNCH_CHANNEL = 'launch_changed';

/** SQL for the payload, from SQL expressions for the launch id and the checklist flag. */
export function notificationPayloadSql(launchId: string, checklist: string): string {
  return `${launchId}::text || ':' || CASE WHEN ${checklist} THEN 1 ELSE 0 END`;
}

/**
 * Parses the NOTIFY payload "launchId:checklistFlag". The flag is read from the
 * end, so the "launchId:seq:checklistFlag" of an instance of the previous release
 * (during a rolling upgrade) is understood too.
 */
export function parseNotification(
  payload: string,
): { launchId: string; checklist: boolean } | null {
  const parts = payload.split(':');
  const [launchId, flag] = [parts[0], parts[parts.length - 1]];
  if (!launchId || parts.length < 2 || (flag !== '0' && flag !== '1')) return null;
  return { launchId, checklist: flag === '1' };
}
