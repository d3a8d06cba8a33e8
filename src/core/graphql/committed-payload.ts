import {
  defaultFieldResolver,
  execute,
  getNamedType,
  GraphQLError,
  GraphQLSchema,
  isObjectType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import { withDeferredCommit } from '../db/transaction';

/**
 * A committed write is reported as committed: every mutation field runs in a
 * deferred transaction (core/db/transaction.ts) and, before COMMIT, reads
 * its payload once with the client's own selection through the request's
 * loaders, which then hold it. After COMMIT graphql-js completes the payload
 * from those loaders without a statement, so no read error after COMMIT can
 * null a payload whose write committed. A payload read that fails other than
 * with a client error (a database error) rolls the write back and reports it.
 */
export function commitPayloadsInTransaction(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  if (!mutation) return;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = committedPayload(resolve);
  }
}

function committedPayload(
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) =>
    withDeferredCommit(async () => {
      const payload = await resolve(source, args, context, info);
      await readPayload(payload, context, info);
      return payload;
    });
}

const rootedSchemas = new WeakMap<GraphQLObjectType, GraphQLSchema>();

/** The schema's types with `type` as the query root (its payload's fields run as a query). */
function schemaRootedAt(schema: GraphQLSchema, type: GraphQLObjectType): GraphQLSchema {
  let rooted = rootedSchemas.get(type);
  if (!rooted) {
    rooted = new GraphQLSchema({
      query: type,
      types: Object.values(schema.getTypeMap()),
      directives: schema.getDirectives(),
    });
    rootedSchemas.set(type, rooted);
  }
  return rooted;
}

/** The context for the read inside the transaction: same loaders, without Apollo's per-request hooks. */
function readContext(context: unknown): unknown {
  if (typeof context !== 'object' || context === null) return context;
  const inner = Object.create(context) as Record<symbol, unknown>;
  for (const symbol of Object.getOwnPropertySymbols(context))
    Object.defineProperty(inner, symbol, { value: undefined });
  return inner;
}

async function readPayload(
  payload: unknown,
  context: unknown,
  info: GraphQLResolveInfo,
): Promise<void> {
  const type = getNamedType(info.returnType);
  if (payload == null || !isObjectType(type)) return;
  // A SocketContext makes its loaders on first use: make them on the context itself.
  void (context as { loaders?: unknown } | null)?.loaders;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        variableDefinitions: info.operation.variableDefinitions,
        directives: [],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []),
        },
      },
      ...Object.values(info.fragments),
    ],
  };
  const result = await execute({
    schema: schemaRootedAt(info.schema, type),
    document,
    rootValue: payload,
    contextValue: readContext(context),
    variableValues: info.variableValues,
  });
  // Client errors (GraphQLErrors) come again, at their path, when graphql-js completes the
  // payload; anything else (a database error leaves the transaction aborted): roll back.
  const failed = result.errors
    ?.map((error) => error.originalError)
    .find((error) => error !== undefined && !(error instanceof GraphQLError));
  if (failed) throw failed;
}
