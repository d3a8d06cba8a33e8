import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the messaging module (README "Error codes"). */
export enum MessagingErrorReason {
  /** BAD_USER_INPUT: the value of `extensions.field` is not acceptable. */
  INVALID_VALUE = CoreErrorReason.INVALID_VALUE,
  /** CONFLICT: the brief is not at the expectedRevision sent. */
  VERSION_MISMATCH = CoreErrorReason.VERSION_MISMATCH,
  /** NOT_FOUND: no messaging brief has this id. */
  BRIEF_NOT_FOUND = 'BRIEF_NOT_FOUND',
  /** BAD_USER_INPUT: the launch already has a brief for this audience. */
  BRIEF_AUDIENCE_TAKEN = 'BRIEF_AUDIENCE_TAKEN',
  /** FAILED_PRECONDITION: the brief is not in the status this step needs (extensions.status). */
  BRIEF_STATUS_NOT_ALLOWED = 'BRIEF_STATUS_NOT_ALLOWED',
  /** FAILED_PRECONDITION: the brief lacks what submitting needs. */
  BRIEF_INCOMPLETE = 'BRIEF_INCOMPLETE',
}
