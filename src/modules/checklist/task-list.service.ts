import type { EntityManager } from 'typeorm';
import {
  entityReader,
  fetchPage,
  selectColumns,
  type Connection,
} from '../../core/graphql/connection';
import { fromGlobalId } from '../../core/graphql/global-id';
import { Person } from '../people';
import { openTaskSql } from './checklist.enums';
import { dependencyOrder } from './dependency-order.sql';
import type { TaskFilter } from './checklist.inputs';
import { Task } from './task.entity';

const OPEN = openTaskSql('t.status');
const OVERDUE = `(${OPEN} AND t.due_date IS NOT NULL AND t.due_date < (now() AT TIME ZONE 'UTC')::date)`;

/** A page of tasks with what its tasks point at, read in the same statement. */
export interface TaskPage extends Connection<Task> {
  /** The page's assignees. */
  assignees: Person[];
  /** Per task of the page, the ids of the tasks it depends on, in `dependencyOrder`. */
  dependsOnIds: Map<string, string[]>;
}

/**
 * The dependencies of the page's tasks that the page itself holds (a whole
 * checklist on one page holds them all), in the order the page read their ids; tasks with a
 * dependency outside the page are left out, for the loader to read.
 */
export function dependenciesWithinPage(page: TaskPage): Map<string, Task[]> {
  const byId = new Map(page.edges.map((edge) => [edge.node.id, edge.node]));
  const within = new Map<string, Task[]>();
  for (const [taskId, ids] of page.dependsOnIds) {
    const tasks = ids.map((id) => byId.get(id));
    if (tasks.every((task) => task !== undefined)) within.set(taskId, tasks);
  }
  return within;
}

type TaskScope = { launchId: string } | { assigneeId: string };

/** The WHERE clauses and parameters of a scope and a filter. */
function taskConditions(scope: TaskScope, f: TaskFilter | null | undefined) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if ('launchId' in scope) add((p) => `t.launch_id = ${p}`, scope.launchId);
  else add((p) => `t.assignee_id = ${p}`, scope.assigneeId);
  if (f?.status?.length) add((p) => `t.status = ANY(${p})`, f.status);
  if (f?.ownerRole?.length) add((p) => `t.owner_role = ANY(${p})`, f.ownerRole);
  if (f?.assigneeId)
    add((p) => `t.assignee_id = ${p}`, fromGlobalId(f.assigneeId, 'Person', 'assigneeId'));
  if (f?.required != null) add((p) => `t.required = ${p}`, f.required);
  if (f?.phase?.length) add((p) => `t.phase = ANY(${p})`, f.phase);
  if (f?.overdue != null) where.push(f.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  return { where, params };
}

/**
 * Tasks of one launch or of one assignee, by due date (undated last),
 * keyset-paged; each with its assignee and its dependencies' ids.
 */
export async function listTasks(
  manager: EntityManager,
  scope: TaskScope,
  args: { first: number; after?: string | null; filter?: TaskFilter | null },
): Promise<TaskPage> {
  const readPerson = entityReader(manager, Person, '__a_');
  const assignees = new Map<string, Person>();
  const dependsOnIds = new Map<string, string[]>();
  const page = await fetchPage({
    manager,
    entity: Task,
    alias: 't',
    from: 'tasks t',
    ...taskConditions(scope, args.filter),
    sortKeys: [`coalesce(t.due_date, 'infinity'::date)`, 't.id'],
    sortCasts: ['date', 'uuid'],
    direction: 'ASC',
    first: args.first,
    after: args.after,
    joins: 'LEFT JOIN people a ON a.id = t.assignee_id',
    columns: `${selectColumns(manager, Person, 'a', '__a_')},
      ARRAY(SELECT d.depends_on_id FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on_id
            WHERE d.task_id = t.id ORDER BY ${dependencyOrder('dt')}) AS "__deps"`,
    onRow: (task, row) => {
      dependsOnIds.set(task.id, row.__deps as string[]);
      const assigneeId = row.__a_id as string | null;
      if (assigneeId !== null && !assignees.has(assigneeId)) {
        assignees.set(assigneeId, readPerson(row));
      }
    },
  });
  return { ...page, assignees: [...assignees.values()], dependsOnIds };
}
