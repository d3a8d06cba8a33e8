import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../core/auth/viewer';
import { sql } from '../../core/db/sql';
import { ActivityType, recordActivity } from '../activity-log';
import { markStale, StaleReason } from '../readiness';
import { openTaskSql, type TaskCompletion } from './checklist.enums';
import { taskActivity } from './task-changes.rules';

/** The activity row of a task a deliverable moved from one status to another. */
function recordStatusMove(
  manager: EntityManager,
  viewer: Viewer,
  task: { id: string; launchId: string },
  move: { from: string; to: string; action: string },
): Promise<number> {
  return recordActivity(
    manager,
    taskActivity(viewer, task, {
      type: ActivityType.TASK_UPDATED,
      action: move.action,
      changes: [{ field: 'status', from: move.from, to: move.to }],
    }),
  );
}

/**
 * Closes (DONE) the open tasks a deliverable completes, whatever their
 * dependencies: the deliverable exists. One activity row per task, in the
 * caller's transaction. Returns how many tasks closed.
 */
export async function closeDeliverableTasks(
  manager: EntityManager,
  viewer: Viewer,
  launchId: string,
  event: TaskCompletion,
): Promise<number> {
  const closed = await sql<{ id: string; title: string; status: string }>(
    manager,
    `UPDATE tasks t SET status = 'DONE', completed_at = now(), blocked_reason = NULL,
       version = t.version + 1, updated_at = now()
     FROM tasks old WHERE old.id = t.id AND t.launch_id = $1 AND t.completed_by = $2
       AND ${openTaskSql('t.status')}
     RETURNING t.id, t.title, old.status`,
    [launchId, event],
  );
  for (const task of closed) {
    await recordStatusMove(
      manager,
      viewer,
      { id: task.id, launchId },
      {
        from: task.status,
        to: 'DONE',
        action: `closed '${task.title}' (${event})`,
      },
    );
  }
  return closed.length;
}

/**
 * Reopens (TODO) the DONE tasks a deliverable had closed, when it is revised;
 * a reopened required task makes its discipline's sign-off and the decision stale.
 */
export async function reopenDeliverableTasks(
  manager: EntityManager,
  viewer: Viewer,
  launchId: string,
  event: TaskCompletion,
): Promise<number> {
  const reopened = await sql<{ id: string; title: string; required: boolean; owner_role: string }>(
    manager,
    `UPDATE tasks SET status = 'TODO', completed_at = NULL, version = version + 1, updated_at = now()
     WHERE launch_id = $1 AND completed_by = $2 AND status = 'DONE'
     RETURNING id, title, required, owner_role`,
    [launchId, event],
  );
  for (const task of reopened) {
    if (task.required)
      await markStale(manager, launchId, StaleReason.TASK_REOPENED, {
        discipline: task.owner_role as never,
      });
    await recordStatusMove(
      manager,
      viewer,
      { id: task.id, launchId },
      {
        from: 'DONE',
        to: 'TODO',
        action: `reopened '${task.title}' (the approved brief was revised)`,
      },
    );
  }
  return reopened.length;
}
