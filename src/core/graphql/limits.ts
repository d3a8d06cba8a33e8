import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  GraphQLError,
  isLeafType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { LimitsConfig } from '../config';

/** The code of every refusal below: they are GraphQL validation errors. */
export const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

function reject(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    // graphql-armor words its errors "Syntax Error: ..."; they are validation errors.
    const message = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(
      new GraphQLError(message, { extensions: { code: VALIDATION_FAILED, limit } }),
    );
  };
}

/** Depth, alias and directive limits (graphql-armor), added to graphql-js's own rules. */
export function limitRules(limits: LimitsConfig): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.depth, onReject: [reject('depth')] }),
    maxAliasesRule({ ...common, n: limits.aliases, onReject: [reject('aliases')] }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: [reject('directives')] }),
  ] as ValidationRule[];
}

/** graphql-js stops parsing past this many tokens, before any validation. */
export function parseOptions(limits: LimitsConfig): ParseOptions {
  return { maxTokens: limits.tokens };
}

/** A Relay connection: its children are paid for once per item of the page. */
export function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  return (
    getNamedType(field.type).name.endsWith('Connection') &&
    field.args.some((a) => a.name === 'first')
  );
}

/**
 * The cost model (README "Limits"): a leaf costs 0; an object field 1 plus its
 * children; a connection 1 plus its children times `first` (the schema default when absent).
 */
export function costEstimator(defaultPageSize: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    if (isLeafType(getNamedType(field.type))) return 0;
    if (!isConnectionField(field)) return 1 + childComplexity;
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : defaultPageSize;
    return 1 + first * childComplexity;
  };
}

/** The estimated cost of one operation with its variables. */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: LimitsConfig,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables: variables ?? {},
    estimators: [costEstimator(limits.defaultPageSize)],
    // A document names at most `tokens` fields; only fragment spreads can multiply them, and
    // a fragment bomb stops here, after this many fields, not after millions.
    maxQueryNodes: limits.tokens,
  });
}

/** The refusal of an operation whose estimate is over the limit. */
export function costLimitError(cost: number, limits: LimitsConfig): GraphQLError {
  return new GraphQLError(
    `Query cost limit of ${limits.cost} exceeded, found ${cost}. Ask for smaller pages (first) or fewer nested connections.`,
    { extensions: { code: VALIDATION_FAILED, limit: 'cost', maximum: limits.cost, cost } },
  );
}
