import type { Viewer } from '../../core/auth/viewer';
import { toGlobalId } from '../../core/graphql/global-id';
import {
  comparedFields,
  type ActivityEntry,
  type ActivityType,
  type FieldChange,
  type FieldValue,
} from '../activity-log';
import type { Person } from '../people';
import type { Task } from './task.entity';

/**
 * A task and its assignee as an update's change list reads them: its own
 * fields with the assignee (by name) after the phase, and the blocked reason.
 */
function updatableValues(state: { task: Task; assignee: Person | null }): FieldValue[] {
  const own = taskValues(state.task);
  return [
    ...own.slice(0, 5),
    ['assignee', state.assignee?.name ?? null],
    ...own.slice(5),
    ['blockedReason', state.task.blockedReason],
  ];
}

/** What a task update changed, readable (both assignees read under the lock). */
export function taskChanges(
  before: Task,
  after: Task,
  assigneeBefore: Person | null,
  assigneeAfter: Person | null,
): FieldChange[] {
  return comparedFields(
    updatableValues,
    { task: before, assignee: assigneeBefore },
    { task: after, assignee: assigneeAfter },
  );
}

/** A task's own fields as a person reads them (created and deleted rows list these). */
export function taskValues(task: Task): FieldValue[] {
  return [
    ['title', task.title],
    ['description', task.description],
    ['ownerRole', task.ownerRole],
    ['status', task.status],
    ['phase', task.phase],
    ['dueDate', task.dueDate],
    ['required', String(task.required)],
  ];
}

/** The activity entry of a change to one task: every task change moves the checklist. */
export function taskActivity(
  viewer: Viewer,
  task: { id: string; launchId: string },
  change: { type: ActivityType; action: string; changes?: FieldChange[] },
): ActivityEntry {
  return {
    launchId: task.launchId,
    type: change.type,
    viewer,
    subjectId: toGlobalId('Task', task.id),
    action: change.action,
    checklist: true,
    changes: change.changes,
  };
}
