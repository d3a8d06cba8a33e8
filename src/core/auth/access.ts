import { AppError } from '../errors';
import { AccessErrorReason } from './auth.errors';
import { isAdmin, type Viewer } from './viewer';

export interface OwnedLaunch {
  pmOwnerId: string;
  pmmOwnerId: string;
}

/** Which task fields a viewer may change: all of them, or the assignee's three. */
export type TaskEditScope = 'full' | 'assignee';

export const ASSIGNEE_TASK_FIELDS = ['status', 'description', 'blockedReason'] as const;

function ownsLaunch(viewer: Viewer, launch: OwnedLaunch): boolean {
  return (
    viewer.personId !== null &&
    (viewer.personId === launch.pmOwnerId || viewer.personId === launch.pmmOwnerId)
  );
}

/**
 * The ownership rules of DESIGN.md "Who may do what", in one place. The
 * minimum access level per operation is declared with `@Authorized`.
 */
export const access = {
  /** Admins mint tokens for anyone; members only for themselves. */
  assertCanManageTokensOf(viewer: Viewer, personId: string): void {
    if (isAdmin(viewer) || viewer.personId === personId) return;
    throw AppError.forbidden(
      AccessErrorReason.NOT_TOKEN_OWNER,
      'Members may only manage their own API tokens',
    );
  },

  /** Whether the viewer may see a person's token metadata. */
  canSeeTokensOf(viewer: Viewer, personId: string): boolean {
    return isAdmin(viewer) || viewer.personId === personId;
  },

  /** Changing a launch, its tasks, tiers, scenarios and briefs: its PM or PMM owner, or an admin. */
  assertCanEditLaunch(viewer: Viewer, launch: OwnedLaunch): void {
    if (isAdmin(viewer) || ownsLaunch(viewer, launch)) return;
    throw AppError.forbidden(
      AccessErrorReason.NOT_LAUNCH_OWNER,
      'Only the launch’s PM or PMM owner or an admin may change it',
    );
  },

  /** Applying a pricing scenario (its prices go live): the launch's PMM owner or an admin, not the PM owner. */
  assertCanApplyPricing(viewer: Viewer, launch: OwnedLaunch): void {
    if (isAdmin(viewer) || (viewer.personId !== null && viewer.personId === launch.pmmOwnerId))
      return;
    throw AppError.forbidden(
      AccessErrorReason.NOT_PMM_OWNER,
      'Only the launch’s PMM owner or an admin may apply a pricing scenario',
    );
  },

  /** Owners and admins change any field; the assignee only status, description and blocked reason. */
  taskEditScope(
    viewer: Viewer,
    launch: OwnedLaunch,
    task: { assigneeId: string | null },
  ): TaskEditScope {
    if (isAdmin(viewer) || ownsLaunch(viewer, launch)) return 'full';
    if (viewer.personId !== null && task.assigneeId === viewer.personId) return 'assignee';
    throw AppError.forbidden(
      AccessErrorReason.NOT_TASK_EDITOR,
      'Only the launch’s owners, an admin or the task’s assignee may change this task',
    );
  },

  /** Editing or submitting a brief: the launch's owners, the brief's owner, admins. */
  assertCanWriteBrief(viewer: Viewer, launch: OwnedLaunch, brief: { ownerId: string }): void {
    if (isAdmin(viewer) || ownsLaunch(viewer, launch) || viewer.personId === brief.ownerId) return;
    throw AppError.forbidden(
      AccessErrorReason.NOT_BRIEF_EDITOR,
      'Only the launch’s owners, the brief’s owner or an admin may do this',
    );
  },

  /** Sending a brief back with a comment: the launch's owners and admins. */
  assertCanRequestBriefChanges(viewer: Viewer, launch: OwnedLaunch): void {
    if (isAdmin(viewer) || ownsLaunch(viewer, launch)) return;
    throw AppError.forbidden(
      AccessErrorReason.NOT_LAUNCH_OWNER,
      'Only the launch’s owners or an admin may request changes',
    );
  },

  /** Approving a brief: the launch's PMM owner and admins. */
  assertCanApproveBrief(viewer: Viewer, launch: OwnedLaunch): void {
    if (isAdmin(viewer) || (viewer.personId !== null && viewer.personId === launch.pmmOwnerId))
      return;
    throw AppError.forbidden(
      AccessErrorReason.NOT_PMM_OWNER,
      'Only the launch’s PMM owner or an admin may approve a messaging brief',
    );
  },
};
