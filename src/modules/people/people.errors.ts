import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the people module (README "Error codes"). */
export enum PeopleErrorReason {
  /** BAD_USER_INPUT: no person has the id given in `extensions.field`. */
  UNKNOWN_ID = CoreErrorReason.UNKNOWN_ID,
  /** BAD_USER_INPUT: another person has this email (emails compare case-insensitively). */
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** NOT_FOUND: no API token has this id. */
  API_TOKEN_NOT_FOUND = 'API_TOKEN_NOT_FOUND',
}
