/** The FORBIDDEN `extensions.reason` values of the ownership rules (access.ts). */
export enum AccessErrorReason {
  /** Members manage only their own API tokens. */
  NOT_TOKEN_OWNER = 'NOT_TOKEN_OWNER',
  /** Only the launch's PM or PMM owner (or an admin) may do this. */
  NOT_LAUNCH_OWNER = 'NOT_LAUNCH_OWNER',
  /** Only the launch's PMM owner (or an admin) may do this. */
  NOT_PMM_OWNER = 'NOT_PMM_OWNER',
  /** Only the launch's owners, the task's assignee or an admin may change the task. */
  NOT_TASK_EDITOR = 'NOT_TASK_EDITOR',
  /** Only the launch's owners, the brief's owner or an admin may do this. */
  NOT_BRIEF_EDITOR = 'NOT_BRIEF_EDITOR',
}
