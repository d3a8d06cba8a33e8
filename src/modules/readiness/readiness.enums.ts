import { registerEnumType } from 'type-graphql';

export enum SignOffVerdict {
  GO = 'GO',
  CONCERNS = 'CONCERNS',
  NO_GO = 'NO_GO',
}

export enum LaunchDecisionOutcome {
  GO = 'GO',
  CONDITIONAL_GO = 'CONDITIONAL_GO',
  NO_GO = 'NO_GO',
}

/** Why a sign-off or decision no longer vouches for the launch as it is. */
export enum StaleReason {
  LAUNCH_DATE_MOVED = 'LAUNCH_DATE_MOVED',
  PRICE_CHANGED = 'PRICE_CHANGED',
  BRIEF_REVISED = 'BRIEF_REVISED',
  TASK_REOPENED = 'TASK_REOPENED',
  SIGN_OFF_CHANGED = 'SIGN_OFF_CHANGED',
}

export enum ReadinessSeverity {
  BLOCKER = 'BLOCKER',
  WARNING = 'WARNING',
  INFO = 'INFO',
}

export enum ReadinessReasonCode {
  REQUIRED_TASK_OVERDUE = 'REQUIRED_TASK_OVERDUE',
  LAUNCH_DATE_PASSED = 'LAUNCH_DATE_PASSED',
  REQUIRED_TASK_NOT_STARTED = 'REQUIRED_TASK_NOT_STARTED',
  TASK_BLOCKED = 'TASK_BLOCKED',
  TASK_OVERDUE = 'TASK_OVERDUE',
  SIGN_OFF_MISSING = 'SIGN_OFF_MISSING',
  SIGN_OFF_NO_GO = 'SIGN_OFF_NO_GO',
  SIGN_OFF_STALE = 'SIGN_OFF_STALE',
  DECISION_MISSING = 'DECISION_MISSING',
  DECISION_STALE = 'DECISION_STALE',
  CONDITION_OVERDUE = 'CONDITION_OVERDUE',
}

export const REASON_CODES: readonly ReadinessReasonCode[] = Object.values(ReadinessReasonCode);

registerEnumType(SignOffVerdict, {
  name: 'SignOffVerdict',
  description: "One discipline's verdict on a launch.",
  valuesConfig: {
    GO: { description: 'Ready from this discipline’s side.' },
    CONCERNS: { description: 'Can go, with concerns stated in the note (allows CONDITIONAL_GO).' },
    NO_GO: { description: 'Must not go (note required); blocks GO and CONDITIONAL_GO.' },
  },
});

registerEnumType(LaunchDecisionOutcome, {
  name: 'LaunchDecisionOutcome',
  description: 'The go/no-go decision.',
  valuesConfig: {
    GO: {
      description: 'Go: every required sign-off GO and every required PRE_LAUNCH task closed.',
    },
    CONDITIONAL_GO: {
      description: 'Go on conditions: required sign-offs GO or CONCERNS, at least one condition.',
    },
    NO_GO: { description: 'Do not go; moves a READY launch back to PLANNING.' },
  },
});

registerEnumType(StaleReason, {
  name: 'StaleReason',
  description: 'What changed after a decision was recorded.',
  valuesConfig: {
    LAUNCH_DATE_MOVED: { description: 'The launch date moved.' },
    PRICE_CHANGED: { description: 'A live price changed.' },
    BRIEF_REVISED: { description: 'An approved messaging brief got a new revision.' },
    TASK_REOPENED: { description: 'A required task was reopened.' },
    SIGN_OFF_CHANGED: { description: 'A sign-off was replaced.' },
  },
});

registerEnumType(ReadinessSeverity, {
  name: 'ReadinessSeverity',
  description: 'How much a readiness reason weighs: BLOCKER makes OFF_TRACK, WARNING AT_RISK.',
  valuesConfig: {
    BLOCKER: { description: 'The launch cannot go as things stand.' },
    WARNING: { description: 'Needs attention soon.' },
    INFO: { description: 'Worth knowing; does not change health.' },
  },
});

registerEnumType(ReadinessReasonCode, {
  name: 'ReadinessReasonCode',
  description: 'Stable code of a readiness reason.',
  valuesConfig: {
    REQUIRED_TASK_OVERDUE: { description: 'BLOCKER: a required task is open past its due date.' },
    LAUNCH_DATE_PASSED: {
      description: 'BLOCKER: the launch date has passed with a required task open.',
    },
    REQUIRED_TASK_NOT_STARTED: {
      description: 'WARNING: a required task is TODO and due within 7 days.',
    },
    TASK_BLOCKED: {
      description:
        'A task is BLOCKED: WARNING when it is required or holds up required work, else INFO.',
    },
    TASK_OVERDUE: {
      description:
        'An optional task is overdue: WARNING when it holds up required work, else INFO.',
    },
    SIGN_OFF_MISSING: {
      description: 'WARNING, within 7 days of launch: a required discipline has not signed off.',
    },
    SIGN_OFF_NO_GO: { description: 'BLOCKER: a discipline’s sign-off in force is NO_GO.' },
    SIGN_OFF_STALE: { description: 'WARNING: a sign-off no longer matches the launch.' },
    DECISION_MISSING: {
      description: 'WARNING, within 7 days of launch: no decision, or the latest is NO_GO.',
    },
    DECISION_STALE: { description: 'WARNING: the current GO or CONDITIONAL_GO is stale.' },
    CONDITION_OVERDUE: {
      description: 'WARNING: a condition of the current decision is past its due date.',
    },
  },
});
