import type { AuthChecker } from 'type-graphql';
import { AppError, CoreErrorReason } from '../errors';
import { AccessLevel } from '../auth/access-level';
import { hasAccess } from '../auth/viewer';
import type { Context } from './context';

/**
 * `@Authorized(level)` on an operation means "at least this access level";
 * ownership rules are checked by services through `access.ts`.
 */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const needed = (roles[0] as AccessLevel | undefined) ?? AccessLevel.VIEWER;
  if (!hasAccess(context.viewer, needed)) {
    throw AppError.forbidden(
      CoreErrorReason.ACCESS_LEVEL_TOO_LOW,
      `This needs ${needed} access; you have ${context.viewer.accessLevel}`,
    );
  }
  return true;
};
