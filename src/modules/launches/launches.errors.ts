import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the launches module (README "Error codes"). */
export enum LaunchesErrorReason {
  /** BAD_USER_INPUT: the value of `extensions.field` is not acceptable. */
  INVALID_VALUE = CoreErrorReason.INVALID_VALUE,
  /** BAD_USER_INPUT: no launch or person has the id given in `extensions.field`. */
  UNKNOWN_ID = CoreErrorReason.UNKNOWN_ID,
  /** CONFLICT: the launch is not at the expectedVersion sent. */
  VERSION_MISMATCH = CoreErrorReason.VERSION_MISMATCH,
  /** NOT_FOUND: no launch has this id. */
  LAUNCH_NOT_FOUND = 'LAUNCH_NOT_FOUND',
  /** FAILED_PRECONDITION: the lifecycle has no such move (extensions.from, extensions.to). */
  LAUNCH_TRANSITION_NOT_ALLOWED = 'LAUNCH_TRANSITION_NOT_ALLOWED',
  /** FAILED_PRECONDITION: a LAUNCHED launch keeps its launch date. */
  LAUNCH_DATE_FIXED = 'LAUNCH_DATE_FIXED',
  /** BAD_USER_INPUT: an owner id names a person of another discipline. */
  OWNER_DISCIPLINE_MISMATCH = 'OWNER_DISCIPLINE_MISMATCH',
}
