import type { EntityManager } from 'typeorm';
import { fetchPage, type Connection } from '../../core/graphql/connection';
import { fromGlobalId } from '../../core/graphql/global-id';
import { openTaskSql } from './checklist.enums';
import type { TaskFilter } from './checklist.inputs';
import { Task } from './task.entity';

const OPEN = openTaskSql('t.status');
const OVERDUE = `(${OPEN} AND t.due_date IS NOT NULL AND t.due_date < (now() AT TIME ZONE 'UTC')::date)`;

/** Tasks of one launch or of one assignee, by due date (undated last), keyset-paged. */
export function listTasks(
  manager: EntityManager,
  scope: { launchId: string } | { assigneeId: string },
  args: { first: number; after?: string | null; filter?: TaskFilter | null },
): Promise<Connection<Task>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if ('launchId' in scope) add((p) => `t.launch_id = ${p}`, scope.launchId);
  else add((p) => `t.assignee_id = ${p}`, scope.assigneeId);
  const f = args.filter;
  if (f?.status?.length) add((p) => `t.status = ANY(${p})`, f.status);
  if (f?.ownerRole?.length) add((p) => `t.owner_role = ANY(${p})`, f.ownerRole);
  if (f?.assigneeId)
    add((p) => `t.assignee_id = ${p}`, fromGlobalId(f.assigneeId, 'Person', 'assigneeId'));
  if (f?.required != null) add((p) => `t.required = ${p}`, f.required);
  if (f?.phase?.length) add((p) => `t.phase = ANY(${p})`, f.phase);
  if (f?.overdue != null) where.push(f.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  return fetchPage({
    manager,
    entity: Task,
    alias: 't',
    from: 'tasks t',
    where,
    params,
    sortKeys: [`coalesce(t.due_date, 'infinity'::date)`, 't.id'],
    sortCasts: ['date', 'uuid'],
    direction: 'ASC',
    first: args.first,
    after: args.after,
  });
}
