import { TaskPhase } from './checklist.enums';

/**
 * The due date of a template item: launch date − days, moved off weekends
 * (PRE_LAUNCH to the Friday before, POST_LAUNCH to the Monday after);
 * LAUNCH_DAY items are due on the launch date. All dates YYYY-MM-DD (UTC).
 */
export function templateDueDate(
  launchDate: string,
  daysBeforeLaunch: number,
  phase: TaskPhase,
): string {
  const launch = new Date(`${launchDate}T00:00:00Z`);
  if (phase === TaskPhase.LAUNCH_DAY) return launchDate;
  const due = new Date(launch.getTime() - daysBeforeLaunch * 86_400_000);
  return addDays(due, weekendShift(due.getUTCDay(), phase)).toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Days to add to a date on `weekday` (0 = Sunday) so that it is a weekday. */
function weekendShift(weekday: number, phase: TaskPhase): number {
  const later = phase === TaskPhase.POST_LAUNCH;
  if (weekday === 6) return later ? 2 : -1;
  if (weekday === 0) return later ? 1 : -2;
  return 0;
}

/**
 * The same rule in SQL, for due dates shifted with the launch date: `date` and
 * `phase` are SQL expressions, `launchDate` the new launch date.
 */
export function weekdayDueDateSql(date: string, phase: string, launchDate: string): string {
  return `CASE WHEN ${phase} = 'LAUNCH_DAY' THEN ${launchDate}
    WHEN extract(isodow FROM ${date}) = 6 THEN ${date} + CASE WHEN ${phase} = 'POST_LAUNCH' THEN 2 ELSE -1 END
    WHEN extract(isodow FROM ${date}) = 7 THEN ${date} + CASE WHEN ${phase} = 'POST_LAUNCH' THEN 1 ELSE -2 END
    ELSE ${date} END`;
}
