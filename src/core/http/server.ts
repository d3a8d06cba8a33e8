import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { specifiedRules, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { authenticate, tokenFromHeader } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import { ConfigError, type LimitsConfig } from '../config';
import { migrationsApplied } from '../db/data-source';
import { isDatabaseUnavailable } from '../db/db-errors';
import { OutageLog } from '../db/outage';
import { AppError, RETRY_AFTER_SECONDS } from '../errors';
import {
  buildContext,
  SocketContext,
  type AppEvents,
  type Context,
  type CreateLoaders,
} from '../graphql/context';
import { DocumentCache } from '../graphql/documents';
import { formatError, isExpectedError } from '../graphql/format-error';
import { limitRules, parseOptions } from '../graphql/limits';
import type { TrustedDocuments } from '../graphql/trusted-documents';
import type { CostBudget } from '../graphql/cost-budget';
import { browserRoutes } from './browser';
import { corsFor, originAllowed } from './origins';
import { SharedSubscriptions, type ShareableField } from './shared-subscriptions';
import { limitsPlugin } from './apollo-limits';
import { graphqlWsOptions, type SocketExtra } from './graphql-ws';
import { bodyErrors, trustedOnly } from './http-guards';
import { SocketRegistry } from './sockets';

export interface HttpServerOptions {
  schema: GraphQLSchema;
  dataSource: DataSource;
  events: AppEvents;
  /** The modules' DataLoaders, made per request or operation. */
  createLoaders: CreateLoaders;
  /** Subscription fields whose subscribers may share one execution per event. */
  sharedSubscriptions: Record<string, ShareableField<Context>>;
  logger: Logger;
  adminToken?: string;
  port: number;
  host: string;
  /** Browser origins allowed besides the server's own (CORS_ORIGINS). */
  corsOrigins?: string[];
  limits: LimitsConfig;
  budget: CostBudget | null;
  trusted: TrustedDocuments | null;
}

export interface RunningServer {
  url: string;
  port: number;
  /** graphql-ws's shared fan-out (tests read its execution count). */
  subscriptions: SharedSubscriptions<Context>;
  /** Parsed subscription documents (tests read its parse count). */
  documents: DocumentCache;
  /** Open graphql-ws sockets (closed on revocation, see accessChanged). */
  sockets: SocketRegistry;
  close(): Promise<void>;
}

function requestIdOf(header: unknown): string {
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

/** HTTP (Apollo via Express 5) and graphql-ws on one port and one path, /graphql. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { schema, dataSource, events, logger, limits } = options;
  const outage = new OutageLog(logger);
  const guard = { schema, limits, budget: options.budget };
  const app = express();
  const httpServer = http.createServer(app);
  const corsOrigins = options.corsOrigins ?? [];
  const wsServer = new WebSocketServer({
    // Upgrades are handed over below, so errors of the HTTP listener stay with it.
    noServer: true,
    path: '/graphql',
    // A frame may be as large as a request body, no larger (ws would take 100 MiB).
    maxPayload: limits.bodyBytes,
    // A page on another origin must not use a visitor's browser to open the socket.
    verifyClient: ({ origin, req }, done) => {
      if (originAllowed(origin, req.headers.host, corsOrigins)) done(true);
      else done(false, 403, 'Origin not allowed');
    },
  });
  httpServer.on('upgrade', (req, socket, head) => {
    if (!wsServer.shouldHandle(req)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => wsServer.emit('connection', ws, req));
  });
  const sockets = new SocketRegistry(logger);
  // graphql-js's rules plus the depth, alias and directive limits, once per distinct document.
  const documents = new DocumentCache(
    schema,
    [...specifiedRules, ...limitRules(limits)],
    500,
    parseOptions(limits),
  );
  const shared = new SharedSubscriptions<Context>({
    fields: options.sharedSubscriptions,
    operationOf: (context) => {
      if (!context.socket || context.operationId === undefined) return null;
      const viewer = context.viewer;
      return {
        socket: context.socket,
        operationId: context.operationId,
        // Everything a subscriber may read depends only on its access level.
        scope: viewer.accessLevel,
        executionContext: () =>
          new SocketContext(logger, viewer, dataSource, events, options.createLoaders),
      };
    },
    formatError: (error) => formatError(error.toJSON(), error),
  });

  const wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    graphqlWsOptions({
      guard,
      dataSource,
      events,
      createLoaders: options.createLoaders,
      logger,
      adminToken: options.adminToken,
      sockets,
      trusted: options.trusted,
      documents,
      subscribe: shared.subscribe,
      outage,
    }),
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // Explicit, so NODE_ENV=production (which start sets for graphql-js) changes nothing here:
    // introspection stays on for authenticated clients.
    introspection: true,
    validationRules: limitRules(limits),
    parseOptions: parseOptions(limits),
    plugins: [
      limitsPlugin(guard),
      // No cache hints are used: the cache-control plugin would only wrap every field
      // resolver. No landing page (it loads Apollo's Sandbox from a CDN; browsers get the
      // self-hosted GraphiQL of ./browser instead), no usage or schema reporting to Apollo.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      errorLogging(outage),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const ready = await migrationsApplied(dataSource);
      res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'migrations pending' });
    } catch {
      res
        .status(503)
        .set('retry-after', String(RETRY_AFTER_SECONDS))
        .json({ status: 'database unreachable' });
    }
  });
  // CORS first: it answers preflights before the browser pages' GET /graphql route would.
  app.use('/graphql', corsFor(corsOrigins));
  app.use(browserRoutes());
  app.use(
    '/graphql',
    (req, res, next) => {
      res.setHeader('x-request-id', requestIdOf(req.headers['x-request-id']));
      next();
    },
    express.json({ limit: limits.bodyBytes }),
    ...(options.trusted ? [trustedOnly(options.trusted)] : []),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = String(res.getHeader('x-request-id'));
        const requestLogger = logger.child({ requestId });
        try {
          const viewer = await authenticateOrUnavailable(
            () =>
              authenticate(
                dataSource,
                tokenFromHeader(res.req.headers.authorization),
                options.adminToken,
              ),
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
      },
    }),
  );
  app.use(bodyErrors(logger));

  await listen(httpServer, options.host, options.port).catch(async (error: unknown) => {
    await apollo.stop();
    throw error;
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    subscriptions: shared,
    documents,
    sockets,
    close: async () => {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await apollo.stop();
    },
  };
}

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRNOTAVAIL: 'is not an address of this machine',
  ENOTFOUND: 'does not resolve to an address',
  EAI_AGAIN: 'could not be resolved',
  EADDRINUSE: 'is in use: the PORT is taken by another process',
  EACCES: 'needs privileges this process does not have',
};

/** Listens, or names HOST and PORT in a ConfigError saying why they cannot be bound. */
function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const problem = LISTEN_PROBLEMS[error.code ?? ''];
      if (!problem) reject(error);
      else
        reject(
          new ConfigError(
            `HOST=${host} PORT=${port} cannot be bound: ${host}:${port} ${problem} (${error.code})`,
          ),
        );
    });
    server.listen(port, host, () => resolve());
  });
}
