import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { authenticate, tokenFromHeader } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import { isDatabaseUnavailable } from '../db/db-errors';
import type { OutageLog } from '../db/outage';
import { AppError, RETRY_AFTER_SECONDS } from '../errors';
import { buildContext, type Context } from '../graphql/context';
import { formatError, isExpectedError } from '../graphql/format-error';
import type { JitExecutor } from '../graphql/jit-executor';
import { limitRules, parseOptions } from '../graphql/limits';
import type { Guard } from '../graphql/operation-guard';
import { limitsPlugin } from './apollo-limits';
import { idempotencyPlugin, type IdempotencyStore } from './idempotency';
import type { HttpServerOptions } from './server';

export function requestIdOf(header: unknown): string {
  return typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
}

/**
 * Logs every unexpected error with its request id; clients only see INTERNAL_SERVER_ERROR.
 * Answers that found the database away become 503 with Retry-After, logged once per burst.
 */
function errorLogging(outage: OutageLog): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = Date.now();
      let unavailable = false;
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            if (isDatabaseUnavailable(error.originalError ?? error)) {
              if (!unavailable) outage.unavailable(contextValue.requestId, error.originalError);
              unavailable = true;
              continue;
            }
            contextValue.logger?.error(
              { err: error.originalError ?? error, path: error.path },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ contextValue, operationName, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) unavailable = true;
          if (unavailable) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          } else outage.recovered();
          contextValue.logger?.debug(
            { operationName, ms: Date.now() - started },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Authentication reads the database: away, it is a 503 with Retry-After, not a 500. */
async function authenticateOrUnavailable(
  authenticateWith: () => Promise<Viewer>,
  outage: OutageLog,
  requestId: string,
): Promise<Viewer> {
  try {
    return await authenticateWith();
  } catch (error) {
    if (error instanceof AppError || !isDatabaseUnavailable(error)) throw error;
    outage.unavailable(requestId, error);
    const unavailable = AppError.unavailable();
    unavailable.extensions.http = {
      status: 503,
      headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]),
    };
    throw unavailable;
  }
}

/** The per-request context: the bearer token's viewer, the request id, fresh loaders. */
export function httpContext(options: HttpServerOptions, outage: OutageLog) {
  const { dataSource, events, logger } = options;
  return async ({ res }: ExpressContextFunctionArgument): Promise<Context> => {
    const requestId = String(res.getHeader('x-request-id'));
    const requestLogger = logger.child({ requestId });
    const token = tokenFromHeader(res.req.headers.authorization);
    try {
      const viewer = await authenticateOrUnavailable(
        () => authenticate(dataSource, token, options.adminToken),
        outage,
        requestId,
      );
      return buildContext(
        { requestId, logger: requestLogger, viewer, dataSource, events },
        options.createLoaders,
      );
    } catch (error) {
      // Apollo's plugins never see these: log them here, with the request id.
      if (!(error instanceof AppError)) requestLogger.error({ err: error }, 'context failed');
      throw error;
    }
  };
}

/** After the drain time, how long requests whose database work was ended have to answer. */
const ANSWER_AFTER_DRAIN_MS = 5000;

/** Apollo Server with the limits, no per-field instrumentation, and the sockets drained on stop. */
export function createApollo(options: {
  guard: Guard;
  /** Runs the operations: graphql-jit for queries, graphql-js for the rest. */
  executor: JitExecutor;
  httpServer: http.Server;
  outage: OutageLog;
  /** Closes the graphql-ws sockets (Apollo's drain). */
  disposeSockets: () => Promise<void>;
  /** Stored answers of HTTP mutations sent with an Idempotency-Key. */
  idempotency: IdempotencyStore;
  /** Drain time: then the database work still running is ended, and sockets are cut 5 s later. */
  drainMs: number;
}): ApolloServer<Context> {
  const { guard } = options;
  return new ApolloServer<Context>({
    // Apollo Server 4+ has no `executor` option: a gateway brings the schema and the executor.
    gateway: options.executor.gateway(),
    formatError,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // Explicit, so NODE_ENV=production (which start sets for graphql-js) changes nothing here:
    // introspection stays on for authenticated clients.
    introspection: true,
    validationRules: limitRules(guard.limits),
    parseOptions: parseOptions(guard.limits),
    plugins: [
      limitsPlugin(guard),
      // No cache hints are used: the cache-control plugin would only wrap every field
      // resolver. No landing page (it loads Apollo's Sandbox from a CDN; browsers get the
      // self-hosted GraphiQL of ./browser instead), no usage or schema reporting to Apollo.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer: options.httpServer,
        stopGracePeriodMillis: options.drainMs + ANSWER_AFTER_DRAIN_MS,
      }),
      errorLogging(options.outage),
      idempotencyPlugin(options.idempotency),
      {
        async serverWillStart() {
          return { drainServer: options.disposeSockets };
        },
      },
    ],
  });
}
