import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the activity module (README "Error codes"). */
export enum ActivityErrorReason {
  /** BAD_USER_INPUT: `after` is not a cursor of the activity log. */
  INVALID_VALUE = CoreErrorReason.INVALID_VALUE,
  /** BAD_USER_INPUT: `after` is a cursor of another launch's log. */
  CURSOR_OF_OTHER_LAUNCH = 'CURSOR_OF_OTHER_LAUNCH',
  /** NOT_FOUND: no launch has this id. */
  LAUNCH_NOT_FOUND = 'LAUNCH_NOT_FOUND',
}
