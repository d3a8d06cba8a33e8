import type { EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sql, toEntity } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import { lockOwnerAndRead, type Launch } from '../launches';
import { Person } from '../people';
import { ChecklistErrorReason } from './checklist.errors';
import { Task } from './task.entity';

/** A task read under its launch's lock, with what an update needs of it. */
export interface LockedTask {
  task: Task;
  launch: Launch;
  dependsOn: Task[];
  assignee: Person | null;
}

/** The task, the tasks it depends on (by due date) and its assignee: one statement. */
async function readTask(
  manager: EntityManager,
  id: string,
): Promise<{ task: Task; dependsOn: Task[]; assignee: Person | null } | undefined> {
  const rows = await sql<Record<string, unknown>>(
    manager,
    `SELECT 0 AS "__k", 0::bigint AS "__n",
       (SELECT row_to_json(p) FROM people p WHERE p.id = t.assignee_id) AS "__assignee", t.*
     FROM tasks t WHERE t.id = $1
     UNION ALL
     SELECT 1, row_number() OVER (ORDER BY d.due_date NULLS LAST, d.id), NULL::json, d.*
     FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id WHERE x.task_id = $1`,
    [id],
  );
  const own = rows.find((r) => r.__k === 0);
  if (!own) return undefined;
  const dependsOn = rows
    .filter((r) => r.__k === 1)
    .sort((a, b) => Number(a.__n) - Number(b.__n))
    .map((r) => toEntity(manager, Task, r));
  const person = own.__assignee as Record<string, unknown> | null;
  const assignee = person ? personFromJson(manager, person) : null;
  return { task: toEntity(manager, Task, own), dependsOn, assignee };
}

/**
 * Locks the task's launch (found through the task), then reads the task under
 * that lock with the tasks it depends on and its assignee: two statements.
 */
export async function lockTask(
  manager: EntityManager,
  taskGlobalId: string,
  field = 'id',
): Promise<LockedTask> {
  const id = fromGlobalId(taskGlobalId, 'Task', field);
  const locked = await lockOwnerAndRead(manager, { table: 'tasks', id }, () =>
    readTask(manager, id),
  );
  if (!locked) throw AppError.notFound('Task', ChecklistErrorReason.TASK_NOT_FOUND);
  return { ...locked.row, launch: locked.launch };
}

/** The task named by `taskId`, locked, when the viewer may change its launch. */
export async function lockEditableTask(
  manager: EntityManager,
  viewer: Viewer,
  taskGlobalId: string,
): Promise<Task> {
  const { task, launch } = await lockTask(manager, taskGlobalId, 'taskId');
  access.assertCanEditLaunch(viewer, launch);
  return task;
}

/** A people row read as JSON (row_to_json), as the entity the loaders hold. */
function personFromJson(manager: EntityManager, row: Record<string, unknown>): Person {
  const person = toEntity(manager, Person, row);
  person.createdAt = new Date(String(row.created_at));
  person.updatedAt = new Date(String(row.updated_at));
  return person;
}
