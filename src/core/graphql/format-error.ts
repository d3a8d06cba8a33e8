import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { isDatabaseUnavailable } from '../db/db-errors';
import { AppError, RETRY_AFTER_SECONDS, CoreErrorReason } from '../errors';

const PASS_THROUGH = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Dotted path and message of the first failing constraint, e.g. "tiers.0.expectedCustomers". */
export function firstViolation(
  errors: ValidationError[],
  prefix = '',
): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const message = Object.values(error.constraints)[0];
      return { field, message };
    }
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** True when the error is one clients are meant to see as it is. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return true;
  const code = (original as { extensions?: { code?: unknown } })?.extensions?.code;
  return typeof code === 'string' && PASS_THROUGH.has(code);
}

/**
 * graphql-js refusing the variables before execution (a value that does not
 * coerce, or more than 50 of them: "Too many errors processing variables"):
 * the client's mistake, BAD_USER_INPUT. Without a field, as the contract
 * allows for what the GraphQL layer refuses (the message names the path).
 */
function variableCoercion(error: unknown): { code: string; reason: string } | null {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return null;
  const refused =
    message.startsWith('Too many errors processing variables') ||
    /^Variable "\$\w+" (?:got invalid value|has invalid value|of required type|of non-null type)/.test(
      message,
    );
  return refused ? { code: 'BAD_USER_INPUT', reason: CoreErrorReason.INVALID_VALUE } : null;
}

type Formatted = GraphQLFormattedError;

/** A class-validator failure: BAD_USER_INPUT naming the first field at fault. */
function invalidInput(formatted: Formatted, validationErrors: ValidationError[]): Formatted {
  const violation = firstViolation(validationErrors);
  return {
    message: violation ? `Invalid ${violation.field}: ${violation.message}` : 'Invalid input',
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: 'BAD_USER_INPUT',
      field: violation?.field ?? null,
      reason: CoreErrorReason.INVALID_VALUE,
    },
  };
}

/** The database away: SERVICE_UNAVAILABLE with the time to wait, nothing of the driver's error. */
function unavailable(formatted: Formatted): Formatted {
  return {
    message: AppError.unavailable().message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
  };
}

/** An expected error as it is, without a stack trace or the HTTP hints meant for the server. */
function expected(formatted: Formatted): Formatted {
  const {
    stacktrace: _stack,
    http: _http,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions };
}

/**
 * Shapes every error clients see: application errors and GraphQL validation
 * as they are, class-validator failures as BAD_USER_INPUT with the field,
 * anything else as INTERNAL_SERVER_ERROR with nothing of the internals.
 */
export function formatError(formatted: Formatted, error: unknown): Formatted {
  const original = unwrapResolverError(error) as {
    extensions?: { code?: string; validationErrors?: ValidationError[] };
  };
  const validationErrors = original?.extensions?.validationErrors;
  if (validationErrors) return invalidInput(formatted, validationErrors);
  if (!isExpectedError(error) && isDatabaseUnavailable(original)) return unavailable(formatted);
  const coercion = variableCoercion(error);
  if (coercion) {
    return { message: formatted.message, locations: formatted.locations, extensions: coercion };
  }
  if (isExpectedError(error)) return expected(formatted);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
