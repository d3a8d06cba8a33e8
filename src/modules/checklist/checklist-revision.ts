import { notifyLaunchChanged } from '../../core/events/launch-events';
import type { EntityManager } from 'typeorm';

/**
 * Every committed change to a launch's checklist bumps its revision and
 * notifies listeners (delivered at COMMIT, never after a rollback).
 */
export async function recordChecklistChange(manager: EntityManager, launchId: string): Promise<void> {
  await manager.query(
    `UPDATE launches SET checklist_revision = checklist_revision + 1, checklist_updated_at = now() WHERE id = $1`,
    [launchId],
  );
  await notifyLaunchChanged(manager, launchId);
}
