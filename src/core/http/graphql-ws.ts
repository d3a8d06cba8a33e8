import { randomUUID } from 'node:crypto';
import {
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context, ServerOptions, SubscribePayload } from 'graphql-ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { WebSocket } from 'ws';
import { authenticate, tokenFromHeader } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import { isDatabaseUnavailable } from '../db/db-errors';
import type { OutageLog } from '../db/outage';
import { AppError } from '../errors';
import { actualCost } from '../graphql/actual-cost';
import { SocketContext, type AppEvents, type CreateLoaders } from '../graphql/context';
import type { DocumentCache } from '../graphql/documents';
import { formatError } from '../graphql/format-error';
import { VALIDATION_FAILED } from '../graphql/limits';
import { admit, costExtension, type Admission, type Guard } from '../graphql/operation-guard';
import type { TrustedDocuments } from '../graphql/trusted-documents';
import { CLOSE, type SocketRegistry } from './sockets';

export type SocketExtra = {
  socket: WebSocket;
  /** graphql-ws's upgrade request: dropped once the socket is accepted (nothing reads it). */
  request?: unknown;
  viewer?: Viewer;
  token?: string | null;
  /** Queries' and mutations' admissions until their answer (subscriptions report no cost). */
  admissions?: Map<string, { admission: Admission; document: DocumentNode }>;
};

export interface GraphQLWsDeps {
  guard: Guard;
  dataSource: DataSource;
  events: AppEvents;
  /** The modules' DataLoaders, made per operation. */
  createLoaders: CreateLoaders;
  logger: Logger;
  adminToken?: string;
  sockets: SocketRegistry;
  trusted: TrustedDocuments | null;
  /** Parses with the token limit and validates with the limit rules, once per distinct text. */
  documents: DocumentCache;
  /** graphql-ws's subscribe (the shared fan-out). */
  subscribe: ServerOptions['subscribe'];
  /** Where "database unavailable" answers are counted (logged once per burst). */
  outage: OutageLog;
}

const UNAVAILABLE = 'unavailable' as const;

/** What an operation arriving on a closing socket gets: never sent, so made once. */
const SOCKET_CLOSING = [new GraphQLError('The socket is closing')];

/** A graphql-ws operation's errors as clients see them; the database away counts in the burst. */
function socketErrors(
  errors: readonly GraphQLError[],
  operationId: string,
  outage: OutageLog,
): GraphQLFormattedError[] {
  const formatted = errors.map((e) => formatError(e.toJSON(), e));
  const unavailable = formatted.findIndex((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
  if (unavailable >= 0) {
    const error = errors[unavailable];
    outage.unavailable(`ws-operation-${operationId}`, error.originalError ?? error);
  }
  return formatted;
}

function withCode(errors: readonly GraphQLError[], code: string): GraphQLError[] {
  return errors.map(
    (e) =>
      new GraphQLError(e.message, {
        nodes: e.nodes,
        extensions: { ...e.extensions, code: e.extensions.code ?? code },
      }),
  );
}

type WsContext = Context<Record<string, unknown> | undefined, SocketExtra>;

/** The token's viewer, null when it is not (or no longer) valid, or the database is away. */
async function reauthenticate(
  deps: GraphQLWsDeps,
  token: string | null | undefined,
): Promise<Viewer | null | typeof UNAVAILABLE> {
  try {
    return await authenticate(deps.dataSource, token ?? null, deps.adminToken);
  } catch (error) {
    if (error instanceof AppError) return null;
    if (!isDatabaseUnavailable(error)) throw error;
    deps.outage.unavailable(`ws-${randomUUID()}`, error);
    return UNAVAILABLE;
  }
}

function refuseTooManySockets(ctx: WsContext, limit: number): false {
  ctx.extra.socket.close(CLOSE.tooMany, `Too many sockets for this token (at most ${limit})`);
  return false;
}

/** A socket opens only with a valid token, within the token's socket limit. */
async function connect(deps: GraphQLWsDeps, ctx: WsContext): Promise<boolean> {
  const { sockets } = deps;
  const limit = deps.guard.limits.socketsPerToken;
  const token = tokenFromHeader(ctx.connectionParams?.authorization);
  if (!token) return false;
  if (sockets.countForToken(token) >= limit) return refuseTooManySockets(ctx, limit);
  const done = sockets.begin(token);
  const viewer = await reauthenticate(deps, token).finally(done);
  if (viewer === UNAVAILABLE) {
    // 1013 "try again later": the client reconnects with its usual backoff.
    ctx.extra.socket.close(1013, 'Database unavailable; retry later');
    return false;
  }
  if (!viewer) return false;
  // Another bearer string of the same credential (the bootstrap admin's) counts too.
  if (sockets.countFor(viewer) >= limit) return refuseTooManySockets(ctx, limit);
  ctx.extra.viewer = viewer;
  ctx.extra.token = token;
  // The upgrade request (headers, strings, streams: about 1.5 KB) would live as long as the socket.
  ctx.extra.request = undefined;
  sockets.add(ctx.extra.socket, viewer, token);
  return true;
}

/** The operation's viewer, or the errors that end it (and, for a revoked token, the socket). */
async function operationViewer(
  deps: GraphQLWsDeps,
  ctx: WsContext,
): Promise<Viewer | readonly GraphQLError[]> {
  const limit = deps.guard.limits.subscriptionsPerSocket;
  // Counted before anything is awaited: graphql-ws reserves the id first, so the
  // operation past the limit closes the socket at once, before any of them hits the database.
  if (Object.keys(ctx.subscriptions).length > limit) {
    const reason = `Too many operations on this socket (at most ${limit})`;
    ctx.extra.socket.close(CLOSE.tooMany, reason);
    return [new AppError('RATE_LIMITED', reason)];
  }
  const viewer = await reauthenticate(deps, ctx.extra.token);
  if (viewer === UNAVAILABLE) return [AppError.unavailable()];
  if (!viewer) {
    ctx.extra.socket.close(CLOSE.forbidden, 'API token revoked');
    return [new AppError('UNAUTHENTICATED', 'The API token is not valid or has been revoked')];
  }
  return viewer;
}

/** The parsed, validated document of a trusted text, or the errors that refuse it. */
function operationDocument(
  deps: GraphQLWsDeps,
  payload: SubscribePayload,
): { document: DocumentNode; operation: OperationDefinitionNode } | readonly GraphQLError[] {
  if (deps.trusted && !deps.trusted.has(payload.query)) return [deps.trusted.refusal()];
  let document: DocumentNode;
  try {
    const prepared = deps.documents.prepare(payload.query);
    // Every operation sending this text keeps the one cached string, not its own copy.
    (payload as { query: string }).query = prepared.query;
    if (prepared.errors.length > 0) return withCode(prepared.errors, VALIDATION_FAILED);
    document = prepared.document;
  } catch (error) {
    return withCode([error as GraphQLError], 'GRAPHQL_PARSE_FAILED');
  }
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    return withCode([new GraphQLError('Unable to identify operation')], VALIDATION_FAILED);
  }
  return { document, operation };
}

/** Everything HTTP checks, in the same order; the execution arguments when all of it passes. */
async function subscribeOperation(
  deps: GraphQLWsDeps,
  ctx: WsContext,
  id: string,
  payload: SubscribePayload,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  // The rest of a burst that closed the socket costs next to nothing.
  if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return SOCKET_CLOSING;
  const viewer = await operationViewer(deps, ctx);
  if (isErrors(viewer)) return viewer;
  const parsed = operationDocument(deps, payload);
  if (isErrors(parsed)) return parsed;
  const { document, operation } = parsed;
  try {
    const { variables } = payload;
    const admission = await admit(deps.guard, { document, operation, variables, viewer });
    if (operation.operation !== 'subscription') {
      (ctx.extra.admissions ??= new Map()).set(id, { admission, document });
    }
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  const { logger, dataSource, events, createLoaders } = deps;
  return {
    schema: deps.guard.schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    contextValue: new SocketContext(
      logger,
      viewer,
      dataSource,
      events,
      createLoaders,
      ctx.extra.socket,
      id,
    ),
  };
}

function isErrors<T>(value: T | readonly GraphQLError[]): value is readonly GraphQLError[] {
  return Array.isArray(value);
}

/** A query's or mutation's result with its cost (and the budget's refund); subscriptions as is. */
function nextResult(
  deps: GraphQLWsDeps,
  ctx: WsContext,
  id: string,
  args: ExecutionArgs,
  result: ExecutionResult,
): FormattedExecutionResult | ExecutionResult {
  const { guard } = deps;
  const entry = ctx.extra.admissions?.get(id);
  const operation = getOperationAST(args.document, args.operationName ?? undefined);
  const formatted = result.errors?.length
    ? { ...result, errors: socketErrors(result.errors, id, deps.outage) }
    : result;
  if (!entry || operation?.operation === 'subscription') return formatted;
  const actual = actualCost(guard.schema, entry.document, args.operationName, result.data);
  const cost = costExtension(entry.admission, actual, guard.limits);
  if (cost.budget) {
    const unused = entry.admission.requested - cost.actual;
    guard.budget?.refund(entry.admission.key, unused, cost.budget.resetAt);
  }
  return { ...formatted, extensions: { ...formatted.extensions, cost } };
}

/**
 * graphql-ws runs exactly what HTTP runs: the token is checked again for
 * every operation, the document is parsed with the token limit, validated
 * with graphql-js's rules plus the depth, alias and directive limits, then
 * the guard (inputs, cost, budget). Nothing executes before all of it.
 */
export function graphqlWsOptions(
  deps: GraphQLWsDeps,
): ServerOptions<Record<string, unknown> | undefined, SocketExtra> {
  return {
    schema: deps.guard.schema,
    subscribe: deps.subscribe,
    onConnect: (ctx) => connect(deps, ctx),
    onClose: (ctx) => {
      deps.sockets.remove(ctx.extra.socket);
    },
    onSubscribe: (ctx, id, payload) => subscribeOperation(deps, ctx, id, payload),
    onError: (ctx, id, _payload, errors) =>
      errors === SOCKET_CLOSING ? [] : socketErrors(errors, id, deps.outage),
    onNext: (ctx, id, _payload, args, result: ExecutionResult) =>
      nextResult(deps, ctx, id, args, result),
    onComplete: (ctx, id) => {
      ctx.extra.admissions?.delete(id);
    },
  };
}
