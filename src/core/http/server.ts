import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { specifiedRules, type GraphQLSchema } from 'graphql';
import type { Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WebSocketServer, type WebSocket } from 'ws';
import { ConfigError, type LimitsConfig } from '../config';
import { BusyConnections } from '../db/busy-connections';
import { migrationsApplied } from '../db/data-source';
import { OutageLog } from '../db/outage';
import { RETRY_AFTER_SECONDS } from '../errors';
import {
  SocketContext,
  type AppEvents,
  type Context,
  type CreateLoaders,
} from '../graphql/context';
import { DocumentCache } from '../graphql/documents';
import { formatError } from '../graphql/format-error';
import { limitRules, parseOptions } from '../graphql/limits';
import type { TrustedDocuments } from '../graphql/trusted-documents';
import type { CostBudget } from '../graphql/cost-budget';
import { JitExecutor } from '../graphql/jit-executor';
import { createApollo, httpContext, requestIdOf } from './apollo';
import { browserRoutes } from './browser';
import { IdempotencyStore } from './idempotency';
import { corsFor, originAllowed } from './origins';
import {
  SharedSubscriptions,
  type FanOutSocket,
  type ShareableField,
} from './shared-subscriptions';
import { graphqlWsOptions, type GraphQLWsDeps, type SocketExtra } from './graphql-ws';
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
  /** How long requests in flight may run after close() before their database work is ended (default 10 s). */
  drainMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** graphql-ws's shared fan-out (tests read its execution count). */
  subscriptions: SharedSubscriptions<Context>;
  /** Parsed subscription documents (tests read its parse count). */
  documents: DocumentCache;
  /** HTTP operations' executor (tests read its compile counts). */
  executor: JitExecutor;
  /** Open graphql-ws sockets (closed on revocation, see accessChanged). */
  sockets: SocketRegistry;
  /** The HTTP server (the bench times requests on it). */
  httpServer: http.Server;
  close(): Promise<void>;
}

/**
 * The shared fan-out's writer per WebSocket: complete frames written straight
 * to its TCP socket, as `ws` itself writes them (without compression, `ws`
 * writes every message at once, so the order of messages holds).
 */
const frameWriters = new WeakMap<WebSocket, FanOutSocket>();

/** Two references per socket: no closures. */
class FrameWriter implements FanOutSocket {
  constructor(
    private readonly ws: WebSocket,
    private readonly tcp: Duplex,
  ) {}

  get readyState(): number {
    return this.ws.readyState;
  }

  writeFrame(frame: Buffer): void {
    this.tcp.write(frame);
  }
}

/** graphql-ws's socket server on /graphql, sharing the HTTP server's port. */
function createWebSocketServer(
  httpServer: http.Server,
  limits: LimitsConfig,
  corsOrigins: string[],
): WebSocketServer {
  const wsServer = new WebSocketServer({
    // No permessage-deflate (ws's default): the fan-out writes whole frames itself.
    perMessageDeflate: false,
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
    wsServer.handleUpgrade(req, socket, head, (ws) => {
      frameWriters.set(ws, new FrameWriter(ws, socket));
      wsServer.emit('connection', ws, req);
    });
  });
  return wsServer;
}

/** Subscribers of the same document, variables and access level share one execution. */
function createSharedSubscriptions(options: HttpServerOptions): SharedSubscriptions<Context> {
  const { logger, dataSource, events } = options;
  return new SharedSubscriptions<Context>({
    fields: options.sharedSubscriptions,
    operationOf: (context) => {
      const socket = context.socket && frameWriters.get(context.socket as WebSocket);
      if (!socket || context.operationId === undefined) return null;
      const viewer = context.viewer;
      return {
        socket,
        operationId: context.operationId,
        // Everything a subscriber may read depends only on its access level.
        scope: viewer.accessLevel,
        executionContext: () =>
          new SocketContext(logger, viewer, dataSource, events, options.createLoaders),
      };
    },
    formatError: (error) => formatError(error.toJSON(), error),
  });
}

/** Liveness, and readiness: migrations applied and the database reachable. */
function healthRoutes(app: Express, dataSource: DataSource): void {
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
}

/** POST /graphql: request id, body limit, trusted documents, then Apollo with its context. */
function graphqlRoutes(
  app: Express,
  apollo: ApolloServer<Context>,
  options: HttpServerOptions,
  outage: OutageLog,
): void {
  // CORS first: it answers preflights before the browser pages' GET /graphql route would.
  app.use('/graphql', corsFor(options.corsOrigins ?? []));
  app.use(browserRoutes());
  app.use(
    '/graphql',
    (req, res, next) => {
      res.setHeader('x-request-id', requestIdOf(req.headers['x-request-id']));
      next();
    },
    express.json({ limit: options.limits.bodyBytes }),
    ...(options.trusted ? [trustedOnly(options.trusted)] : []),
    expressMiddleware(apollo, { context: httpContext(options, outage) }),
  );
  app.use(bodyErrors(options.logger));
}

/** graphql-ws on the socket server: the same checks as HTTP, the shared fan-out. */
function serveWebSockets(
  wsServer: WebSocketServer,
  options: HttpServerOptions,
  parts: Pick<GraphQLWsDeps, 'guard' | 'sockets' | 'documents' | 'outage' | 'subscribe'>,
): Disposable {
  const { dataSource, events, createLoaders, logger, adminToken, trusted } = options;
  return useServer<Record<string, unknown> | undefined, SocketExtra>(
    graphqlWsOptions({
      ...parts,
      ...{ dataSource, events, createLoaders, logger, adminToken, trusted },
    }),
    wsServer,
  );
}

/** graphql-js's rules plus the depth, alias and directive limits, once per distinct document. */
function documentCache(schema: GraphQLSchema, limits: LimitsConfig): DocumentCache {
  return new DocumentCache(
    schema,
    [...specifiedRules, ...limitRules(limits)],
    500,
    parseOptions(limits),
  );
}

const DEFAULT_DRAIN_MS = 10_000;

/**
 * When the drain time is over, the database work of requests still running is ended: they
 * answer 503 SERVICE_UNAVAILABLE (nothing written) before Apollo's drain cuts their sockets.
 */
function endBusyWorkAfter(ms: number, busy: BusyConnections, logger: Logger): () => void {
  const timer = setTimeout(() => {
    busy.terminate().then(
      (ended) =>
        logger.warn(
          { ended, drainMs: ms },
          'drain time over: ended the database work still running',
        ),
      (error: unknown) => logger.error({ err: error }, 'drain time over: database work not ended'),
    );
  }, ms);
  return () => clearTimeout(timer);
}

/**
 * Sockets are told 1001 "going away", then Apollo drains HTTP and graphql-ws: requests in
 * flight may finish within the drain time, after which their database work is ended.
 */
async function closeServer(
  parts: {
    wsServer: WebSocketServer;
    apollo: ApolloServer<Context>;
    idempotency: IdempotencyStore;
    busy: BusyConnections;
  },
  drainMs: number,
  logger: Logger,
) {
  for (const client of parts.wsServer.clients) client.close(1001, 'Server shutting down');
  parts.idempotency.stop();
  const stopEnding = endBusyWorkAfter(drainMs, parts.busy, logger);
  try {
    await parts.apollo.stop();
  } finally {
    stopEnding();
  }
}

/** HTTP (Apollo via Express 5) and graphql-ws on one port and one path, /graphql. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { schema, logger, limits } = options;
  const outage = new OutageLog(logger);
  const guard = { schema, limits, budget: options.budget };
  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = createWebSocketServer(httpServer, limits, options.corsOrigins ?? []);
  const sockets = new SocketRegistry(logger);
  const documents = documentCache(schema, limits);
  const shared = createSharedSubscriptions(options);
  const subscribe = shared.subscribe;
  const ws = serveWebSockets(wsServer, options, { guard, sockets, documents, outage, subscribe });
  const disposeSockets = async () => await ws.dispose();
  const idempotency = new IdempotencyStore(options.dataSource, logger);
  idempotency.startPurging();
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  const executor = new JitExecutor(schema);
  const apollo = createApollo({
    guard,
    executor,
    httpServer,
    outage,
    disposeSockets,
    idempotency,
    drainMs,
  });
  await apollo.start();
  healthRoutes(app, options.dataSource);
  graphqlRoutes(app, apollo, options, outage);
  await listen(httpServer, options.host, options.port).catch(async (error: unknown) => {
    await apollo.stop();
    throw error;
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const url = `http://${host}:${port}/graphql`;
  const busy = new BusyConnections(options.dataSource);
  const close = () => closeServer({ wsServer, apollo, idempotency, busy }, drainMs, logger);
  return { url, port, subscriptions: shared, documents, executor, sockets, httpServer, close };
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
