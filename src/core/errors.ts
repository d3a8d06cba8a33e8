import { GraphQLError } from 'graphql';

/** The `extensions.code` values clients can rely on (see README "Error codes"). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'SERVICE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_USE: 409,
};

/**
 * The `extensions.reason` values core gives, beside `extensions.code`: stable,
 * so clients branch on them without parsing messages. Modules add theirs in
 * their `*.errors.ts`; README "Error codes" lists every one.
 */
export enum CoreErrorReason {
  /** BAD_USER_INPUT: the value of `extensions.field` is not acceptable (the message says why). */
  INVALID_VALUE = 'INVALID_VALUE',
  /** CONFLICT: the object is not at the expectedVersion (or expectedRevision) sent. */
  VERSION_MISMATCH = 'VERSION_MISMATCH',
  /** FORBIDDEN: the operation needs a higher access level. */
  ACCESS_LEVEL_TOO_LOW = 'ACCESS_LEVEL_TOO_LOW',
  /** BAD_USER_INPUT: an id in the input (`extensions.field`) names nothing. */
  UNKNOWN_ID = 'UNKNOWN_ID',
}

/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer. */
export const RETRY_AFTER_SECONDS = 2;

/** The one application error: services throw it, the formatter passes it through. */
export class AppError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; reason?: string; [key: string]: unknown } = {},
  ) {
    const status = HTTP_STATUS[code];
    super(message, {
      extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
    });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }

  static badInput(
    field: string,
    message: string,
    reason: string = CoreErrorReason.INVALID_VALUE,
  ): AppError {
    return new AppError('BAD_USER_INPUT', message, { field, reason });
  }

  static notFound(what: string, reason: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`, { reason });
  }

  static forbidden(reason: string, message: string): AppError {
    return new AppError('FORBIDDEN', message, { reason });
  }

  /** The one CONFLICT: `what` is not at the version (or revision) the client sent. */
  static conflict(args: {
    reason: string;
    what: string;
    expected: number;
    actual?: number;
    counter?: 'version' | 'revision';
  }): AppError {
    const tail = args.actual === undefined ? '' : ` (current is ${args.actual})`;
    return new AppError(
      'CONFLICT',
      `${args.what} was changed by someone else: expected ${args.counter ?? 'version'} ${args.expected}${tail}`,
      { reason: args.reason },
    );
  }

  /** PostgreSQL cannot be reached: nothing was written, the same request can be sent again. */
  static unavailable(): AppError {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      `The database is unavailable; nothing was written. Retry in ${RETRY_AFTER_SECONDS} s`,
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }

  static precondition(
    reason: string,
    message: string,
    extra: Record<string, unknown> = {},
  ): AppError {
    return new AppError('FAILED_PRECONDITION', message, { reason, ...extra });
  }
}

/**
 * The one version rule, checked once under the launch lock: the row must be at
 * the version (or revision) the client sent, when it sent one. CONFLICT with
 * the module's reason otherwise.
 */
export function assertVersion(args: {
  reason: string;
  what: string;
  expected: number | null | undefined;
  actual: number;
  counter?: 'version' | 'revision';
}): void {
  if (args.expected != null && args.expected !== args.actual)
    throw AppError.conflict({ ...args, expected: args.expected });
}
