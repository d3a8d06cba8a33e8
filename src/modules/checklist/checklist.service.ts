import type { DataSource, EntityManager } from 'typeorm';
import { access, ASSIGNEE_TASK_FIELDS } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sqlEntities, toEntity } from '../../core/db/sql';
import { inTransaction } from '../../core/db/transaction';
import { AppError, assertVersion } from '../../core/errors';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { lockLaunchOf } from '../launches';
import { type Person, resolvePerson } from '../people';
import {
  ActivityType,
  changeWithActivity,
  createdFields,
  deletedFields,
  recordActivity,
  type FieldChange,
} from '../activity-log';
import { markStale, StaleReason } from '../readiness';
import { isClosed, TaskPhase, TaskStatus } from './checklist.enums';
import type { CreateTaskInput, DeleteTaskInput, UpdateTaskInput } from './checklist.inputs';
import { Task } from './task.entity';
import { lockEditableTask, lockTask, type LockedTask } from './task-lock.service';
import { taskActivity, taskChanges, taskValues } from './task-changes.rules';
import {
  assertDependenciesClosed,
  assertNoCycle,
  deleteEdge,
  insertEdge,
  recordEdgeChange,
  resolveSameLaunchTasks,
  sameLaunchTask,
} from './task-dependencies.service';
import { ChecklistErrorReason } from './checklist.errors';

const NOT_NULL = ['title', 'ownerRole', 'status', 'required', 'phase'] as const;
const COLUMNS: Record<string, string> = {
  title: 'title',
  description: 'description',
  ownerRole: 'owner_role',
  status: 'status',
  assigneeId: 'assignee_id',
  dueDate: 'due_date',
  required: 'required',
  blockedReason: 'blocked_reason',
  phase: 'phase',
};

/** What updateTask wrote and read: the payload needs no read after COMMIT. */
export interface UpdatedTask {
  task: Task;
  dependsOn: Task[];
  assignee: Person | null;
}

function assertTaskVersion(task: Task, expected: number | null | undefined): void {
  assertVersion({
    reason: ChecklistErrorReason.VERSION_MISMATCH,
    what: 'Task',
    expected,
    actual: task.version,
  });
}

/** Inserts the task and its dependency edges (two statements at most). */
async function insertTask(
  manager: EntityManager,
  launchId: string,
  input: CreateTaskInput,
  links: { assigneeId: string | null; dependsOn: string[] },
): Promise<Task> {
  const [task] = await sqlEntities(
    manager,
    Task,
    `INSERT INTO tasks (launch_id, title, description, owner_role, assignee_id, due_date, required, phase)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      launchId,
      clean(input.title),
      input.description ?? null,
      input.ownerRole,
      links.assigneeId,
      input.dueDate ?? null,
      input.required ?? false,
      input.phase ?? TaskPhase.PRE_LAUNCH,
    ],
  );
  if (links.dependsOn.length > 0) {
    await manager.query(
      'INSERT INTO task_dependencies (task_id, depends_on_id) SELECT $1, unnest($2::uuid[])',
      [task.id, links.dependsOn],
    );
  }
  return task;
}

/** The fields an update sets, checked: the assignee's scope, no null where none may be, the version. */
function checkedTaskFields(viewer: Viewer, locked: LockedTask, input: UpdateTaskInput): string[] {
  const scope = access.taskEditScope(viewer, locked.launch, locked.task);
  const given = Object.keys(COLUMNS).filter(
    (key) => (input as unknown as Record<string, unknown>)[key] !== undefined,
  );
  const outside = given.filter((key) => !(ASSIGNEE_TASK_FIELDS as readonly string[]).includes(key));
  if (scope === 'assignee' && outside.length > 0) {
    throw AppError.forbidden(
      ChecklistErrorReason.TASK_FIELD_NOT_ALLOWED,
      `As the assignee you may change only status, description and blockedReason, not ${outside.join(', ')}`,
    );
  }
  for (const key of NOT_NULL)
    if (input[key] === null)
      throw AppError.badInput(key, `${key} cannot be null`, ChecklistErrorReason.INVALID_VALUE);
  assertTaskVersion(locked.task, input.expectedVersion);
  return given;
}

/**
 * The column values an update writes and the assignee after it (read once,
 * when it changes). DONE needs every dependency closed; leaving BLOCKED
 * clears the blocked reason.
 */
async function taskUpdateValues(
  manager: EntityManager,
  locked: LockedTask,
  input: UpdateTaskInput,
  given: readonly string[],
): Promise<{ values: Record<string, unknown>; assignee: Person | null }> {
  const { task } = locked;
  const values: Record<string, unknown> = {};
  for (const key of given) values[key] = (input as unknown as Record<string, unknown>)[key];
  if (typeof values.title === 'string') values.title = clean(values.title);
  let assignee = locked.assignee;
  if (typeof input.assigneeId === 'string') {
    assignee = await resolvePerson(manager, input.assigneeId, 'assigneeId');
    values.assigneeId = assignee.id;
  } else if (input.assigneeId === null) {
    assignee = null;
  }
  const status = input.status ?? task.status;
  if (input.status === TaskStatus.DONE && task.status !== TaskStatus.DONE)
    assertDependenciesClosed(locked.dependsOn);
  if (
    status !== TaskStatus.BLOCKED &&
    input.blockedReason === undefined &&
    task.blockedReason !== null
  )
    values.blockedReason = null;
  return { values, assignee };
}

/** The UPDATE of a task: the values given, completed_at when it closes or reopens, the version. */
function taskUpdateSql(task: Task, values: Record<string, unknown>, status: TaskStatus) {
  const sets = Object.keys(values).map((key, i) => `${COLUMNS[key]} = $${i + 2}`);
  if (isClosed(status) && !isClosed(task.status)) sets.push('completed_at = now()');
  if (!isClosed(status) && isClosed(task.status)) sets.push('completed_at = NULL');
  return {
    sql: `UPDATE tasks SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 RETURNING *`,
    params: [task.id, ...Object.values(values)],
  };
}

/** The activity line of a task update. */
function taskUpdateAction(after: Task, moved: TaskStatus | null, changes: FieldChange[]): string {
  if (moved) return `moved '${after.title}' to ${moved}`;
  const fields = changes.length ? ` (${changes.map((c) => c.field).join(', ')})` : '';
  return `updated task '${after.title}'${fields}`;
}

export class ChecklistService {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a task (with dependencies) to a launch the viewer may change. */
  create(viewer: Viewer, input: CreateTaskInput): Promise<Task> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchOf(manager, input.launchId);
      access.assertCanEditLaunch(viewer, launch);
      if (input.phase === null)
        throw AppError.badInput(
          'phase',
          'phase cannot be null',
          ChecklistErrorReason.INVALID_VALUE,
        );
      const assignee = input.assigneeId
        ? await resolvePerson(manager, input.assigneeId, 'assigneeId')
        : null;
      const ids = input.dependsOnIds ?? [];
      const deps = await resolveSameLaunchTasks(manager, launch.id, ids, 'dependsOnIds');
      const task = await insertTask(manager, launch.id, input, {
        assigneeId: assignee?.id ?? null,
        dependsOn: deps,
      });
      await recordActivity(
        manager,
        taskActivity(viewer, task, {
          type: ActivityType.TASK_CREATED,
          action: `added task '${task.title}'`,
          changes: createdFields([
            ...taskValues(task),
            ['assignee', assignee?.name ?? null],
            [
              'dependsOn',
              deps.length ? `${deps.length} task${deps.length === 1 ? '' : 's'}` : null,
            ],
          ]),
        }),
      );
      return task;
    });
  }

  /** Changes a task: owners and admins any field, the assignee status, description and blocked reason. */
  update(viewer: Viewer, input: UpdateTaskInput): Promise<UpdatedTask> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const locked = await lockTask(manager, input.id);
      const { task } = locked;
      const given = checkedTaskFields(viewer, locked, input);
      const { values, assignee } = await taskUpdateValues(manager, locked, input, given);
      // What the update writes, known before it runs: the change list and the
      // activity line go into the same statement as the update.
      const after = { ...task, ...values };
      const changes = taskChanges(task, after, locked.assignee, assignee);
      const status = input.status ?? task.status;
      if (!isClosed(status) && isClosed(task.status) && after.required)
        await markStale(manager, task.launchId, StaleReason.TASK_REOPENED, {
          discipline: after.ownerRole,
        });
      // The task and its activity row in one statement, under the launch lock.
      const [row] = await changeWithActivity(
        manager,
        taskUpdateSql(task, values, status),
        taskActivity(viewer, task, {
          type: ActivityType.TASK_UPDATED,
          action: taskUpdateAction(
            after,
            input.status !== task.status ? (input.status ?? null) : null,
            changes,
          ),
          changes,
        }),
      );
      return { task: toEntity(manager, Task, row), dependsOn: locked.dependsOn, assignee };
    });
  }

  /** Deletes a task; its dependency edges go with it. Returns the deleted task's global id. */
  delete(viewer: Viewer, input: DeleteTaskInput): Promise<string> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { task, launch } = await lockTask(manager, input.id);
      access.assertCanEditLaunch(viewer, launch);
      assertTaskVersion(task, input.expectedVersion);
      await manager.query('DELETE FROM tasks WHERE id = $1', [task.id]);
      await recordActivity(
        manager,
        taskActivity(viewer, task, {
          type: ActivityType.TASK_DELETED,
          action: `deleted task '${task.title}'`,
          changes: deletedFields(taskValues(task)),
        }),
      );
      return toGlobalId('Task', task.id);
    });
  }

  /** Makes a task depend on another of its launch (never itself, never a cycle). */
  addDependency(viewer: Viewer, input: { taskId: string; dependsOnId: string }): Promise<Task> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const task = await lockEditableTask(manager, viewer, input.taskId);
      if (fromGlobalId(input.dependsOnId, 'Task', 'dependsOnId') === task.id)
        throw AppError.precondition(
          ChecklistErrorReason.TASK_SELF_DEPENDENCY,
          'A task cannot depend on itself',
        );
      const dependsOnId = await sameLaunchTask(manager, task, input.dependsOnId);
      await assertNoCycle(manager, task.id, dependsOnId);
      if (!(await insertEdge(manager, task.id, dependsOnId))) return task;
      return recordEdgeChange(
        manager,
        viewer,
        { task, dependsOnId },
        (other) => `made '${task.title}' depend on '${other}'`,
      );
    });
  }

  /** Removes the dependency of a task on another (nothing changes when there is none). */
  removeDependency(viewer: Viewer, input: { taskId: string; dependsOnId: string }): Promise<Task> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const task = await lockEditableTask(manager, viewer, input.taskId);
      const dependsOnId = await sameLaunchTask(manager, task, input.dependsOnId);
      if (!(await deleteEdge(manager, task.id, dependsOnId))) return task;
      return recordEdgeChange(
        manager,
        viewer,
        { task, dependsOnId },
        (other) => `removed the dependency of '${task.title}' on '${other}'`,
      );
    });
  }
}
