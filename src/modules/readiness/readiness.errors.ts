import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the readiness module (README "Error codes"). */
export enum ReadinessErrorReason {
  /** BAD_USER_INPUT: the value of `extensions.field` is not acceptable. */
  INVALID_VALUE = CoreErrorReason.INVALID_VALUE,
  /** BAD_USER_INPUT: no launch or person has the id given in `extensions.field`. */
  UNKNOWN_ID = CoreErrorReason.UNKNOWN_ID,
  /** CONFLICT: the launch is not at the expectedVersion sent. */
  VERSION_MISMATCH = CoreErrorReason.VERSION_MISMATCH,
  /** FAILED_PRECONDITION: sign-offs, decision or PRE_LAUNCH work missing (extensions.missing). */
  READINESS_INCOMPLETE = 'READINESS_INCOMPLETE',
  /** FAILED_PRECONDITION: the launch is LAUNCHED or CANCELLED (extensions.status). */
  LAUNCH_NOT_OPEN = 'LAUNCH_NOT_OPEN',
  /** FORBIDDEN: only a member of the discipline (or an admin) signs off for it. */
  SIGN_OFF_NOT_ALLOWED = 'SIGN_OFF_NOT_ALLOWED',
  /** FORBIDDEN: only the launch's PM or PMM owner (or an admin) decides. */
  DECISION_NOT_ALLOWED = 'DECISION_NOT_ALLOWED',
  /** BAD_USER_INPUT: a sign-off other than GO needs a note saying why. */
  SIGN_OFF_NOTE_REQUIRED = 'SIGN_OFF_NOTE_REQUIRED',
  /** BAD_USER_INPUT: conditions missing, not allowed, blank or due after the launch date. */
  DECISION_CONDITIONS_INVALID = 'DECISION_CONDITIONS_INVALID',
}
