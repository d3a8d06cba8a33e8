import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sql, toEntity } from '../../core/db/sql';
import { rowLoader } from '../../core/graphql/row-loaders';
import { loadChecklistStatuses } from './checklist-status.sql';
import { dependencyOrder } from './dependency-order.sql';
import type { ChecklistStatus } from './checklist-status.types';
import { Task } from './task.entity';

/** The tasks at the other end of dependency edges, for many tasks in one statement. */
async function edgeTasks(
  dataSource: DataSource,
  ids: readonly string[],
  edge: { from: 'task_id' | 'depends_on_id'; to: 'task_id' | 'depends_on_id' },
): Promise<Task[][]> {
  const rows = await sql<Record<string, unknown>>(
    dataSource.manager,
    `SELECT d.${edge.from} AS edge_key, t.* FROM task_dependencies d JOIN tasks t ON t.id = d.${edge.to}
     WHERE d.${edge.from} = ANY($1::uuid[]) ORDER BY ${dependencyOrder('t')}`,
    [[...ids]],
  );
  // Grouped in one pass (a page of 100 tasks filtered the rows once per task).
  const byKey = new Map<unknown, Task[]>();
  for (const row of rows) {
    const tasks = byKey.get(row.edge_key);
    const task = toEntity(dataSource.manager, Task, row);
    if (tasks) tasks.push(task);
    else byKey.set(row.edge_key, [task]);
  }
  return ids.map((id) => byKey.get(id) ?? []);
}

/** Per-request loaders: one statement per batch, results in key order. */
export function createChecklistLoaders(dataSource: DataSource) {
  return {
    checklistStatusByLaunchId: new DataLoader<string, ChecklistStatus | null>(async (ids) => {
      const statuses = await loadChecklistStatuses(dataSource.manager, ids);
      return ids.map((id) => statuses.get(id) ?? null);
    }),
    /** The status without the per-role totals (byOwnerRole is empty), for readers not selecting them. */
    checklistSummaryByLaunchId: new DataLoader<string, ChecklistStatus | null>(async (ids) => {
      const statuses = await loadChecklistStatuses(dataSource.manager, ids, {
        byOwnerRole: false,
      });
      return ids.map((id) => statuses.get(id) ?? null);
    }),
    dependsOnByTaskId: new DataLoader<string, Task[]>((ids) =>
      edgeTasks(dataSource, ids, { from: 'task_id', to: 'depends_on_id' }),
    ),
    blocksByTaskId: new DataLoader<string, Task[]>((ids) =>
      edgeTasks(dataSource, ids, { from: 'depends_on_id', to: 'task_id' }),
    ),
    taskById: rowLoader(
      dataSource,
      Task,
      'SELECT * FROM tasks WHERE id = ANY($1::uuid[])',
      (task) => task.id,
    ),
  };
}
