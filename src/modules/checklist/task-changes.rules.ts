import { changedFields, type FieldChange } from '../activity-log';
import type { Person } from '../people';
import type { Task } from './task.entity';

/** What a task update changed, readable: the assignee by name (both read under the lock), dates ISO. */
export function taskChanges(
  before: Task,
  after: Task,
  assigneeBefore: Person | null,
  assigneeAfter: Person | null,
): FieldChange[] {
  return changedFields([
    ['title', before.title, after.title],
    ['description', before.description, after.description],
    ['ownerRole', before.ownerRole, after.ownerRole],
    ['status', before.status, after.status],
    ['phase', before.phase, after.phase],
    ['assignee', assigneeBefore?.name ?? null, assigneeAfter?.name ?? null],
    ['dueDate', before.dueDate, after.dueDate],
    ['required', String(before.required), String(after.required)],
    ['blockedReason', before.blockedReason, after.blockedReason],
  ]);
}

/** A task's own fields as a person reads them (created and deleted rows list these). */
export function taskValues(task: Task): Array<[string, string | null]> {
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
