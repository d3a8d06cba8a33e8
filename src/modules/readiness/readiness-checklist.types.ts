import { createPort } from '../../core/composition/port';

/**
 * What readiness asks of the checklist without importing it (the checklist
 * imports readiness): what an open task is. The composition root
 * (src/modules/index.ts) wires the checklist's in.
 */
export interface ReadinessChecklist {
  /** SQL: the task status in `column` is open (the checklist's one definition of closed). */
  openTaskSql(column: string): string;
}

const port = createPort<ReadinessChecklist>('readiness: the checklist');

export const useReadinessChecklist = port.use;
export const readinessChecklist = port.get;
