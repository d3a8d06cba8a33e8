import { registerEnumType } from 'type-graphql';

export enum TaskStatus {
  TODO = 'TODO',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
}

export enum LaunchHealth {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  COMPLETE = 'COMPLETE',
  INACTIVE = 'INACTIVE',
}

export enum TaskPhase {
  PRE_LAUNCH = 'PRE_LAUNCH',
  LAUNCH_DAY = 'LAUNCH_DAY',
  POST_LAUNCH = 'POST_LAUNCH',
}

export const TASK_PHASES: readonly TaskPhase[] = Object.values(TaskPhase);

export enum TaskCompletion {
  MESSAGING_BRIEF_APPROVED = 'MESSAGING_BRIEF_APPROVED',
  PRICING_SCENARIO_APPLIED = 'PRICING_SCENARIO_APPLIED',
}

/** The one definition of a closed task; every other status is open. */
export const CLOSED_STATUSES: readonly TaskStatus[] = [TaskStatus.DONE, TaskStatus.SKIPPED];

export function isClosed(status: TaskStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** SQL: the task status in `column` is open, generated from CLOSED_STATUSES. */
export function openTaskSql(column = 'status'): string {
  return `${column} NOT IN (${CLOSED_STATUSES.map((status) => `'${status}'`).join(', ')})`;
}

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'Where a checklist task stands. DONE and SKIPPED are closed; the others are open.',
  valuesConfig: {
    TODO: { description: 'Not started.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    BLOCKED: { description: 'Cannot progress; see blockedReason.' },
    DONE: { description: 'Finished (closed). Needs every dependency closed.' },
    SKIPPED: { description: 'Deliberately not done (closed).' },
  },
});

registerEnumType(LaunchHealth, {
  name: 'LaunchHealth',
  description:
    'A launch at a glance, derived from the readiness reasons of its checklist status (see ReadinessReasonCode).',
  valuesConfig: {
    ON_TRACK: { description: 'Required work open, no BLOCKER or WARNING reason.' },
    AT_RISK: { description: 'At least one WARNING reason and no BLOCKER.' },
    OFF_TRACK: { description: 'At least one BLOCKER reason.' },
    COMPLETE: { description: 'No reason above INFO and no required task open (or no tasks).' },
    INACTIVE: { description: 'The launch is CANCELLED: no reasons are computed.' },
  },
});

registerEnumType(TaskPhase, {
  name: 'TaskPhase',
  description: 'When in the launch a task happens.',
  valuesConfig: {
    PRE_LAUNCH: {
      description: 'Work due before launch day; READY needs the required ones closed.',
    },
    LAUNCH_DAY: { description: 'Work done on the launch date itself.' },
    POST_LAUNCH: { description: 'Follow-up after the launch; it goes on after LAUNCHED.' },
  },
});

registerEnumType(TaskCompletion, {
  name: 'TaskCompletion',
  description: 'The event that closes a deliverable task by itself.',
  valuesConfig: {
    MESSAGING_BRIEF_APPROVED: {
      description: 'A messaging brief of the launch is approved (a new revision reopens it).',
    },
    PRICING_SCENARIO_APPLIED: { description: 'A pricing scenario of the launch is applied.' },
  },
});
