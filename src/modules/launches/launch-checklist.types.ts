import { createPort } from '../../core/composition/port';
import type { LaunchTier } from './launches.enums';

/**
 * What launches ask of the checklist without importing it (the checklist
 * imports launches): a new launch's template tasks as CTEs of the launch's
 * INSERT, the SQL that moves open tasks' due dates with the launch date, and
 * what an open task is.
 * The composition root (src/modules/index.ts) wires the checklist's in.
 */
export interface LaunchChecklist {
  templateInsert(
    launch: {
      id: string;
      tier: LaunchTier;
      launchDate: string;
      pmOwnerId: string;
      pmmOwnerId: string;
    },
    offset: number,
  ): { ctes: string; params: unknown[]; tasks: number };
  /** A task's due date moved to `date` (SQL expressions: `date`, `phase`, `launchDate`). */
  dueDateSql(date: string, phase: string, launchDate: string): string;
  /** SQL: the task status in `column` is open (the checklist's one definition of closed). */
  openTaskSql(column: string): string;
}

const port = createPort<LaunchChecklist>('launches: the checklist');

export const useLaunchChecklist = port.use;
export const launchChecklist = port.get;
