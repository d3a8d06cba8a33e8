import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import { ActivityType, recordActivity } from '../activity-log';
import { ChecklistErrorReason } from './checklist.errors';
import { isClosed, type TaskStatus } from './checklist.enums';
import { Task } from './task.entity';
import { taskActivity } from './task-changes.rules';

/** Task uuids that all exist in `launchId`; BAD_USER_INPUT on `field` otherwise. */
export async function resolveSameLaunchTasks(
  manager: EntityManager,
  launchId: string,
  ids: readonly string[],
  field: string,
): Promise<string[]> {
  const uuids = [...new Set(ids.map((id) => fromGlobalId(id, 'Task', field)))];
  if (uuids.length === 0) return [];
  const rows = await sql<{ id: string; launch_id: string }>(
    manager,
    'SELECT id, launch_id FROM tasks WHERE id = ANY($1::uuid[])',
    [uuids],
  );
  for (const uuid of uuids) {
    const row = rows.find((r) => r.id === uuid);
    if (!row)
      throw AppError.badInput(
        field,
        `No task has the id given in ${field}`,
        ChecklistErrorReason.UNKNOWN_ID,
      );
    if (row.launch_id !== launchId)
      throw AppError.badInput(
        field,
        'A task can only depend on tasks of the same launch',
        ChecklistErrorReason.TASK_OF_OTHER_LAUNCH,
      );
  }
  return uuids;
}

/** FAILED_PRECONDITION when `dependsOnId` already (transitively) depends on `taskId`. */
export async function assertNoCycle(
  manager: EntityManager,
  taskId: string,
  dependsOnId: string,
): Promise<void> {
  if (taskId === dependsOnId)
    throw AppError.precondition(
      ChecklistErrorReason.TASK_SELF_DEPENDENCY,
      'A task cannot depend on itself',
    );
  const rows = await sql<{ cycle: boolean }>(
    manager,
    `WITH RECURSIVE reach(id) AS (
       SELECT depends_on_id FROM task_dependencies WHERE task_id = $1
       UNION SELECT d.depends_on_id FROM task_dependencies d JOIN reach r ON d.task_id = r.id)
     SELECT EXISTS (SELECT 1 FROM reach WHERE id = $2) AS cycle`,
    [dependsOnId, taskId],
  );
  if (rows[0].cycle)
    throw AppError.precondition(
      ChecklistErrorReason.TASK_DEPENDENCY_CYCLE,
      'This dependency would close a cycle',
    );
}

/** FAILED_PRECONDITION naming the open tasks (of those a task depends on) it still waits for. */
export function assertDependenciesClosed(
  dependsOn: ReadonlyArray<{ title: string; status: string }>,
): void {
  const open = dependsOn
    .filter((t) => !isClosed(t.status as TaskStatus))
    .map((t) => t.title)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (open.length > 0) {
    throw AppError.precondition(
      ChecklistErrorReason.TASK_DEPENDENCY_OPEN,
      `Cannot mark DONE while dependencies are open: ${open.map((t) => `"${t}"`).join(', ')}`,
      { openDependencies: open },
    );
  }
}

/** The uuid of `dependsOnId`, a task of the same launch as `task` (BAD_USER_INPUT otherwise). */
export async function sameLaunchTask(
  manager: EntityManager,
  task: Task,
  dependsOnId: string,
): Promise<string> {
  const [uuid] = await resolveSameLaunchTasks(manager, task.launchId, [dependsOnId], 'dependsOnId');
  return uuid;
}

/** Adds the edge; false when it was there already. */
export async function insertEdge(
  manager: EntityManager,
  taskId: string,
  dependsOnId: string,
): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `INSERT INTO task_dependencies (task_id, depends_on_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING task_id`,
    [taskId, dependsOnId],
  );
  return rows.length > 0;
}

/** Removes the edge; false when there was none. */
export async function deleteEdge(
  manager: EntityManager,
  taskId: string,
  dependsOnId: string,
): Promise<boolean> {
  const [rows] = await manager.query<[unknown[], number]>(
    `DELETE FROM task_dependencies WHERE task_id = $1 AND depends_on_id = $2 RETURNING task_id`,
    [taskId, dependsOnId],
  );
  return rows.length > 0;
}

/** After an edge changed: the task's version moves on and the launch's log says what changed. */
export async function recordEdgeChange(
  manager: EntityManager,
  viewer: Viewer,
  edge: { task: Task; dependsOnId: string },
  action: (otherTitle: string) => string,
): Promise<Task> {
  const { task } = edge;
  const [updated] = await sqlEntities(
    manager,
    Task,
    'UPDATE tasks SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING *',
    [task.id],
  );
  const [other] = await sqlEntities(manager, Task, 'SELECT * FROM tasks WHERE id = $1', [
    edge.dependsOnId,
  ]);
  await recordActivity(
    manager,
    taskActivity(viewer, task, { type: ActivityType.TASK_UPDATED, action: action(other.title) }),
  );
  return updated;
}
