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
}

export const CLOSED_STATUSES: readonly TaskStatus[] = [TaskStatus.DONE, TaskStatus.SKIPPED];

export function isClosed(status: TaskStatus): boolean {
  return CLOSED_STATUSES.includes(status);
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
  description: 'A launch checklist at a glance, computed from its tasks.',
  valuesConfig: {
    ON_TRACK: { description: 'Required work open, nothing worrying.' },
    AT_RISK: {
      description:
        'A task is blocked or overdue, or a required task due within 7 days is still TODO.',
    },
    OFF_TRACK: {
      description:
        'A required open task is overdue, or the launch date has passed with required work open.',
    },
    COMPLETE: { description: 'No required task is open.' },
  },
});
