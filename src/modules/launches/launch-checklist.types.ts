import type { LaunchTier } from './launches.enums';

/**
 * What launches ask of the checklist without importing it (the checklist
 * imports launches): a new launch's template tasks as CTEs of the launch's
 * INSERT, and the SQL that moves open tasks' due dates with the launch date.
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
}

let wired: LaunchChecklist | undefined;

export function useLaunchChecklist(checklist: LaunchChecklist): void {
  wired = checklist;
}

export function launchChecklist(): LaunchChecklist {
  if (!wired) throw new Error('launches: no checklist wired (see src/modules/index.ts)');
  return wired;
}
