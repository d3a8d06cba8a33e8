import { GraphQLError } from 'graphql';

/** The `extensions.code` values clients can rely on (see README "Error codes"). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

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

  static precondition(message: string, extra: Record<string, unknown> = {}): AppError {
    return new AppError('FAILED_PRECONDITION', message, extra);
  }
}
