import { AppError } from '../errors';
import { isAdmin, type Viewer } from './viewer';

/**
 * The ownership rules of DESIGN.md "Who may do what", in one place. The
 * minimum access level per operation is declared with `@Authorized`.
 */
export const access = {
  /** Admins mint tokens for anyone; members only for themselves. */
  assertCanManageTokensOf(viewer: Viewer, personId: string): void {
    if (isAdmin(viewer) || viewer.personId === personId) return;
    throw AppError.forbidden('Members may only manage their own API tokens');
  },

  /** Whether the viewer may see a person's token metadata. */
  canSeeTokensOf(viewer: Viewer, personId: string): boolean {
    return isAdmin(viewer) || viewer.personId === personId;
  },
};
