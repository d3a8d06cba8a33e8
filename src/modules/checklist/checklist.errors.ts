import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the checklist module (README "Error codes"). */
export enum ChecklistErrorReason {
  /** BAD_USER_INPUT: the value of `extensions.field` is not acceptable. */
  INVALID_VALUE = CoreErrorReason.INVALID_VALUE,
  /** BAD_USER_INPUT: no task has the id given in `extensions.field`. */
  UNKNOWN_ID = CoreErrorReason.UNKNOWN_ID,
  /** CONFLICT: the task is not at the expectedVersion sent. */
  VERSION_MISMATCH = CoreErrorReason.VERSION_MISMATCH,
  /** NOT_FOUND: no task has this id. */
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  /** NOT_FOUND: no launch has this id. */
  LAUNCH_NOT_FOUND = 'LAUNCH_NOT_FOUND',
  /** BAD_USER_INPUT: a task depends only on tasks of its own launch. */
  TASK_OF_OTHER_LAUNCH = 'TASK_OF_OTHER_LAUNCH',
  /** FAILED_PRECONDITION: a task cannot depend on itself. */
  TASK_SELF_DEPENDENCY = 'TASK_SELF_DEPENDENCY',
  /** FAILED_PRECONDITION: the dependency would close a cycle. */
  TASK_DEPENDENCY_CYCLE = 'TASK_DEPENDENCY_CYCLE',
  /** FAILED_PRECONDITION: DONE while tasks it depends on are open (extensions.openDependencies). */
  TASK_DEPENDENCY_OPEN = 'TASK_DEPENDENCY_OPEN',
  /** FORBIDDEN: the assignee changes only status, description and blockedReason. */
  TASK_FIELD_NOT_ALLOWED = 'TASK_FIELD_NOT_ALLOWED',
}
