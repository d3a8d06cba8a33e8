import { registerEnumType } from 'type-graphql';

export enum ActivityType {
  LAUNCH_CREATED = 'LAUNCH_CREATED',
  LAUNCH_UPDATED = 'LAUNCH_UPDATED',
  LAUNCH_TRANSITIONED = 'LAUNCH_TRANSITIONED',
  TASK_CREATED = 'TASK_CREATED',
  TASK_UPDATED = 'TASK_UPDATED',
  TASK_DELETED = 'TASK_DELETED',
  PRICING_TIER_CHANGED = 'PRICING_TIER_CHANGED',
  PRICING_SCENARIO_CHANGED = 'PRICING_SCENARIO_CHANGED',
  PRICING_SCENARIO_APPLIED = 'PRICING_SCENARIO_APPLIED',
  MESSAGING_BRIEF_CHANGED = 'MESSAGING_BRIEF_CHANGED',
  MESSAGING_BRIEF_APPROVED = 'MESSAGING_BRIEF_APPROVED',
  LAUNCH_SIGNED_OFF = 'LAUNCH_SIGNED_OFF',
  LAUNCH_DECISION_RECORDED = 'LAUNCH_DECISION_RECORDED',
}

registerEnumType(ActivityType, {
  name: 'ActivityType',
  description: 'What kind of change an activity row records.',
  valuesConfig: {
    LAUNCH_CREATED: { description: 'The launch was created (with its template tasks, if any).' },
    LAUNCH_UPDATED: { description: 'Launch fields changed (name, date, owners, ...).' },
    LAUNCH_TRANSITIONED: { description: 'The launch moved to another status.' },
    TASK_CREATED: { description: 'A task was added.' },
    TASK_UPDATED: { description: 'A task or its dependencies changed.' },
    TASK_DELETED: { description: 'A task was deleted.' },
    PRICING_TIER_CHANGED: { description: 'A pricing tier was created, changed or deleted.' },
    PRICING_SCENARIO_CHANGED: { description: 'A pricing scenario was created or changed.' },
    PRICING_SCENARIO_APPLIED: { description: "A pricing scenario's prices went live." },
    MESSAGING_BRIEF_CHANGED: {
      description: 'A messaging brief was created, edited, submitted or sent back.',
    },
    MESSAGING_BRIEF_APPROVED: { description: 'A messaging brief was approved.' },
    LAUNCH_SIGNED_OFF: { description: 'A discipline signed off the launch (GO, CONCERNS, NO_GO).' },
    LAUNCH_DECISION_RECORDED: { description: 'A go/no-go decision was recorded.' },
  },
});
