import type { DataSource, EntityManager } from 'typeorm';
import { access, ASSIGNEE_TASK_FIELDS } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities, toEntity } from '../../core/db/sql';
import { inTransaction } from '../../core/db/transaction';
import { AppError, assertVersion } from '../../core/errors';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { lockLaunchOf, lockOwnerAndRead, type Launch } from '../launches';
import { Person, resolvePerson } from '../people';
import {
  ActivityType,
  changedFields,
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
async function lockTask(
  manager: EntityManager,
  taskGlobalId: string,
  field = 'id',
): Promise<{ task: Task; launch: Launch; dependsOn: Task[]; assignee: Person | null }> {
  const id = fromGlobalId(taskGlobalId, 'Task', field);
  const locked = await lockOwnerAndRead(manager, { table: 'tasks', id }, () =>
    readTask(manager, id),
  );
  if (!locked) throw AppError.notFound('Task', ChecklistErrorReason.TASK_NOT_FOUND);
  return { ...locked.row, launch: locked.launch };
}

/** The task named by `taskId`, locked, when the viewer may change its launch. */
async function lockEditableTask(
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

/** What a task update changed, readable: the assignee by name (both read under the lock), dates ISO. */
function taskChanges(
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
function taskValues(task: Task): Array<[string, string | null]> {
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

export class ChecklistService {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a task (with dependencies) to a launch the viewer may change. */
  create(viewer: Viewer, input: CreateTaskInput): Promise<Task> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchOf(manager, input.launchId);
      const launchId = launch.id;
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
      const assigneeId = assignee?.id ?? null;
      const deps = await resolveSameLaunchTasks(
        manager,
        launchId,
        input.dependsOnIds ?? [],
        'dependsOnIds',
      );
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
          assigneeId,
          input.dueDate ?? null,
          input.required ?? false,
          input.phase ?? TaskPhase.PRE_LAUNCH,
        ],
      );
      if (deps.length > 0) {
        await manager.query(
          'INSERT INTO task_dependencies (task_id, depends_on_id) SELECT $1, unnest($2::uuid[])',
          [task.id, deps],
        );
      }
      await recordActivity(manager, {
        launchId,
        type: ActivityType.TASK_CREATED,
        viewer,
        subjectId: toGlobalId('Task', task.id),
        action: `added task '${task.title}'`,
        checklist: true,
        changes: createdFields([
          ...taskValues(task),
          ['assignee', assignee?.name ?? null],
          ['dependsOn', deps.length ? `${deps.length} task${deps.length === 1 ? '' : 's'}` : null],
        ]),
      });
      return task;
    });
  }

  /** Changes a task: owners and admins any field, the assignee status, description and blocked reason. */
  update(viewer: Viewer, input: UpdateTaskInput): Promise<UpdatedTask> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { task, launch, dependsOn, assignee } = await lockTask(manager, input.id);
      const scope = access.taskEditScope(viewer, launch, task);
      const given = Object.keys(COLUMNS).filter(
        (key) => (input as unknown as Record<string, unknown>)[key] !== undefined,
      );
      const outside = given.filter(
        (key) => !(ASSIGNEE_TASK_FIELDS as readonly string[]).includes(key),
      );
      if (scope === 'assignee' && outside.length > 0) {
        throw AppError.forbidden(
          ChecklistErrorReason.TASK_FIELD_NOT_ALLOWED,
          `As the assignee you may change only status, description and blockedReason, not ${outside.join(', ')}`,
        );
      }
      for (const key of NOT_NULL)
        if (input[key] === null)
          throw AppError.badInput(key, `${key} cannot be null`, ChecklistErrorReason.INVALID_VALUE);
      assertTaskVersion(task, input.expectedVersion);
      const values: Record<string, unknown> = {};
      for (const key of given) values[key] = (input as unknown as Record<string, unknown>)[key];
      if (typeof values.title === 'string') values.title = clean(values.title);
      let newAssignee = assignee;
      if (typeof input.assigneeId === 'string') {
        newAssignee = await resolvePerson(manager, input.assigneeId, 'assigneeId');
        values.assigneeId = newAssignee.id;
      } else if (input.assigneeId === null) {
        newAssignee = null;
      }
      const status = input.status ?? task.status;
      if (input.status === TaskStatus.DONE && task.status !== TaskStatus.DONE)
        assertDependenciesClosed(dependsOn);
      if (
        status !== TaskStatus.BLOCKED &&
        input.blockedReason === undefined &&
        task.blockedReason !== null
      )
        values.blockedReason = null;
      const sets = Object.keys(values).map((key, i) => `${COLUMNS[key]} = $${i + 2}`);
      const closing = isClosed(status) && !isClosed(task.status);
      const reopening = !isClosed(status) && isClosed(task.status);
      if (closing) sets.push('completed_at = now()');
      if (reopening) sets.push('completed_at = NULL');
      // What the update writes, known before it runs: the change list and the
      // activity line go into the same statement as the update.
      const after = { ...task, ...values };
      const changes = taskChanges(task, after, assignee, newAssignee);
      const action =
        input.status && input.status !== task.status
          ? `moved '${after.title}' to ${input.status}`
          : `updated task '${after.title}'${changes.length ? ` (${changes.map((c) => c.field).join(', ')})` : ''}`;
      if (reopening && after.required)
        await markStale(manager, task.launchId, StaleReason.TASK_REOPENED, {
          discipline: after.ownerRole,
        });
      // The task and its activity row in one statement, under the launch lock (the version
      // was checked under it).
      const [row] = await changeWithActivity(
        manager,
        {
          sql: `UPDATE tasks SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
                WHERE id = $1 RETURNING *`,
          params: [task.id, ...Object.values(values)],
        },
        {
          launchId: task.launchId,
          type: ActivityType.TASK_UPDATED,
          viewer,
          subjectId: toGlobalId('Task', task.id),
          action,
          checklist: true,
          changes,
        },
      );
      return { task: toEntity(manager, Task, row), dependsOn, assignee: newAssignee };
    });
  }

  /** Deletes a task; its dependency edges go with it. Returns the deleted task's global id. */
  delete(viewer: Viewer, input: DeleteTaskInput): Promise<string> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { task, launch } = await lockTask(manager, input.id);
      access.assertCanEditLaunch(viewer, launch);
      assertTaskVersion(task, input.expectedVersion);
      await manager.query('DELETE FROM tasks WHERE id = $1', [task.id]);
      await recordActivity(manager, {
        launchId: task.launchId,
        type: ActivityType.TASK_DELETED,
        viewer,
        subjectId: toGlobalId('Task', task.id),
        action: `deleted task '${task.title}'`,
        checklist: true,
        changes: deletedFields(taskValues(task)),
      });
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
