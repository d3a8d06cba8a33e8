/**
 * Which failures mean "PostgreSQL cannot be reached right now" (a retryable
 * SERVICE_UNAVAILABLE for clients) rather than a bug or a bad statement.
 */

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '53300', // too_many_connections
]);

const UNREACHABLE_MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /server closed the connection unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
];

/**
 * The error and what it wraps (TypeORM's driverError, `cause`, Apollo's originalError,
 * graphql-js's thrownValue for a value that is not an Error of this realm).
 */
function chain(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const seen: Array<{ code?: unknown; message?: unknown }> = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const e = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      originalError?: unknown;
      thrownValue?: unknown;
      errors?: unknown;
    };
    seen.push(e);
    // AggregateError (a connect to every address of localhost refused).
    if (Array.isArray(e.errors) && e.errors.length > 0) seen.push(...chain(e.errors[0]));
    current = e.driverError ?? e.originalError ?? e.thrownValue ?? e.cause;
  }
  return seen;
}

/**
 * TypeORM releases a query runner whose connection emitted an error (the server went
 * away mid-transaction); the transaction's next statement then fails with these.
 */
const RELEASED = new Set([
  'QueryRunnerProviderAlreadyReleasedError',
  'QueryRunnerAlreadyReleasedError',
]);

/** True when the failure is PostgreSQL being unreachable, not a bug or a bad statement. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some(
    (e) =>
      RELEASED.has(String((e as { name?: unknown }).name)) ||
      (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || e.code.startsWith('08'))) ||
      (typeof e.message === 'string' &&
        UNREACHABLE_MESSAGES.some((re) => re.test(e.message as string))),
  );
}
