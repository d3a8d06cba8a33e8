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
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer. */
export const RETRY_AFTER_SECONDS = 2;

/** The one application error: services throw it, the formatter passes it through. */
export class AppError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; [key: string]: unknown } = {},
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

  static badInput(field: string, message: string): AppError {
    return new AppError('BAD_USER_INPUT', message, { field });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static conflict(what: string, expected: number, actual?: number): AppError {
    const tail = actual === undefined ? '' : ` (current is ${actual})`;
    return new AppError(
      'CONFLICT',
      `${what} was changed by someone else: expected version ${expected}${tail}`,
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

  static precondition(message: string, extra: Record<string, unknown> = {}): AppError {
    return new AppError('FAILED_PRECONDITION', message, extra);
  }
}
