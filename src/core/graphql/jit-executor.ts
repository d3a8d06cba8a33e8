import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  GraphQLError,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** What the executor did, per process: compiled, reused and graphql-js runs. */
export interface JitStats {
  compiled: number;
  reused: number;
  /** Operations run by graphql-js: not a query, not compilable, or variables refused. */
  fallback: number;
}

/** Apollo Server's gateway interface (a package of its own, reached through Apollo's types). */
type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** `null`: graphql-jit could not compile it (graphql-js runs it). */
type Compiled = CompiledQuery | null;

/** graphql-js's own limit on variable errors (execute's `maxErrors`). */
const MAX_VARIABLE_ERRORS = 50;

/**
 * graphql-jit's errors (its own GraphQLError function, extensions only when the
 * original error has some) as graphql-js's: Apollo's formatting reads
 * `extensions.code` and the error's own fields, as graphql-js's locatedError
 * leaves them.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: original,
  });
  (converted as { locations: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}

/**
 * Queries run by graphql-jit: each document compiled once (per operation
 * name), on its second request, and kept as long as the document (Apollo
 * keeps parsed documents per query string in its document store, an LRU).
 * graphql-js runs the rest: a document's first request (a query sent once
 * never pays the 0.1 to 13 ms of compiling), mutations, what does not
 * compile, and every request whose variables it refuses (so those errors are
 * graphql-js's, word for word).
 */
export class JitExecutor {
  readonly stats: JitStats = { compiled: 0, reused: 0, fallback: 0 };
  /** Off: graphql-js runs everything (tests compare the two answers). */
  enabled = true;
  /** Requests of a document that graphql-js runs before it is compiled. */
  runsBeforeCompiling = 1;
  /** Per document and operation name: compiled (or null), or the requests seen so far. */
  private readonly cache = new WeakMap<DocumentNode, Map<string, Compiled | number>>();

  constructor(private readonly schema: GraphQLSchema) {}

  private compiled(document: DocumentNode, operation: OperationDefinitionNode): Compiled {
    const name = operation.name?.value ?? '';
    let byName = this.cache.get(document);
    if (!byName) {
      byName = new Map();
      this.cache.set(document, byName);
    }
    const known = byName.get(name);
    if (typeof known === 'object') {
      if (known) this.stats.reused++;
      return known;
    }
    const seen = known ?? 0;
    if (seen < this.runsBeforeCompiling) {
      byName.set(name, seen + 1);
      return null;
    }
    const result = compileQuery(this.schema, document, operation.name?.value);
    const compiled = isCompiledQuery(result) ? result : null;
    if (compiled) this.stats.compiled++;
    byName.set(name, compiled);
    return compiled;
  }

  private graphqlJs(args: {
    document: DocumentNode;
    contextValue: unknown;
    variableValues?: Record<string, unknown>;
    operationName?: string | null;
  }): Promise<ExecutionResult> | ExecutionResult {
    this.stats.fallback++;
    return execute({ schema: this.schema, ...args });
  }

  async execute(args: {
    document: DocumentNode;
    operation: OperationDefinitionNode | undefined;
    contextValue: unknown;
    variableValues?: Record<string, unknown>;
    operationName?: string | null;
  }): Promise<ExecutionResult> {
    const { document, operation, contextValue, variableValues, operationName } = args;
    const graphqlJsArgs = { document, contextValue, variableValues, operationName };
    if (!this.enabled || !operation || operation.operation !== 'query')
      return this.graphqlJs(graphqlJsArgs);
    const compiled = this.compiled(document, operation);
    if (!compiled) return this.graphqlJs(graphqlJsArgs);
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(
        this.schema,
        operation.variableDefinitions,
        variableValues ?? {},
        { maxErrors: MAX_VARIABLE_ERRORS },
      );
      if (coerced.errors) return this.graphqlJs(graphqlJsArgs);
    }
    const result = await compiled.query(undefined, contextValue, variableValues ?? {});
    // No data: graphql-jit refused the variables; graphql-js answers with its own words.
    if (!('data' in result)) return this.graphqlJs(graphqlJsArgs);
    if (!result.errors) return result;
    return { data: result.data, errors: result.errors.map(asGraphQLJsError) };
  }

  /** Apollo Server's `gateway`: the schema as it is, and this executor. */
  gateway(): Gateway {
    const schema = this.schema;
    const executor: GatewayExecutor = (rc) =>
      this.execute({
        document: rc.document,
        operation: rc.operation,
        contextValue: rc.context,
        variableValues: rc.request.variables,
        operationName: rc.request.operationName,
      }) as ReturnType<GatewayExecutor>;
    return {
      async load() {
        return { executor };
      },
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
        return () => {};
      },
      async stop() {},
    };
  }
}
