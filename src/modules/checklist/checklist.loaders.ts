import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sql, sqlEntities, toEntity } from '../../core/db/sql';
import { loadChecklistStatuses, type ChecklistStatus } from './checklist-status';
import { Task } from './task.entity';

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
    dependsOnByTaskId: new DataLoader<string, Task[]>(async (ids) => {
      const rows = await sql<Record<string, unknown>>(
        dataSource.manager,
        `SELECT d.task_id AS waiting_task_id, t.* FROM task_dependencies d JOIN tasks t ON t.id = d.depends_on_id
         WHERE d.task_id = ANY($1::uuid[]) ORDER BY t.due_date NULLS LAST, t.id`,
        [[...ids]],
      );
      return ids.map((id) =>
        rows
          .filter((r) => r.waiting_task_id === id)
          .map((r) => toEntity(dataSource.manager, Task, r)),
      );
    }),
    taskById: new DataLoader<string, Task | null>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        Task,
        'SELECT * FROM tasks WHERE id = ANY($1::uuid[])',
        [[...ids]],
      );
      return ids.map((id) => rows.find((t) => t.id === id) ?? null);
    }),
  };
}
