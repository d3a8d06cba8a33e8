import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { DocumentNode, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import type { Context } from '../graphql/context';
import { actualCost } from '../graphql/actual-cost';
import { admit, costExtension, type Admission, type Guard } from '../graphql/operation-guard';
import type { BudgetState } from '../graphql/cost-budget';

/** Refusals made before execution: GraphQL-over-HTTP answers them 200 to application/json clients. */
const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

function wantsGraphQLResponse(accept: string | undefined): boolean {
  return (accept ?? '').includes('application/graphql-response+json');
}

function setBudgetHeaders(
  rc: GraphQLRequestContext<Context>,
  state: BudgetState,
  remaining: number,
) {
  const headers = rc.response.http.headers;
  headers.set('x-ratelimit-limit', String(state.limit));
  headers.set('x-ratelimit-remaining', String(remaining));
  headers.set('x-ratelimit-reset', String(state.resetAt));
  if (!state.allowed) headers.set('retry-after', String(state.retryAfter));
}

/** Status per GraphQL-over-HTTP: 200 for application/json when nothing ran because of the request. */
function adjustStatus(
  rc: GraphQLRequestContext<Context>,
  errors: readonly GraphQLFormattedError[],
) {
  const http = rc.response.http;
  if (http.status !== 400 || wantsGraphQLResponse(rc.request.http?.headers.get('accept'))) return;
  const codes = errors.map((e) => String(e.extensions?.code));
  if (codes.length > 0 && codes.every((code) => REQUEST_ERRORS.has(code))) http.status = 200;
}

/** The guard before execution; a refusal is a 400 (and its budget state, for the headers). */
async function admitRequest(
  guard: Guard,
  rc: GraphQLRequestContext<Context>,
  query: { document: DocumentNode; operation: OperationDefinitionNode },
): Promise<{ admission: Admission } | { refused: BudgetState | null; error: unknown }> {
  try {
    const admission = await admit(guard, {
      ...query,
      variables: rc.request.variables,
      viewer: rc.contextValue.viewer,
    });
    return { admission };
  } catch (error) {
    const refused = (error as { budget?: BudgetState }).budget ?? null;
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    if (extensions && !extensions.http) extensions.http = { status: 400 };
    return { refused, error };
  }
}

/** `extensions.cost` from what was answered, the budget headers, and the unused cost refunded. */
function reportCost(
  guard: Guard,
  rc: GraphQLRequestContext<Context>,
  result: { data?: unknown; extensions?: Record<string, unknown> },
  admission: Admission,
): void {
  const actual = rc.document
    ? actualCost(guard.schema, rc.document, rc.operationName, result.data)
    : 0;
  const cost = costExtension(admission, actual, guard.limits);
  result.extensions = { ...result.extensions, cost };
  if (admission.budget && cost.budget) {
    setBudgetHeaders(rc, admission.budget, cost.budget.remaining);
    guard.budget?.refund(admission.key, admission.requested - cost.actual, cost.budget.resetAt);
  }
}

/**
 * Apollo's side of the limits: after validation (where the depth, alias and
 * directive rules ran) and before execution, the guard; on the way out, the
 * cost in `extensions.cost`, the budget headers and the refund.
 */
export function limitsPlugin(guard: Guard): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let admission: Admission | null = null;
      let refused: BudgetState | null = null;
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const query = { document: rc.document, operation: rc.operation };
          const outcome = await admitRequest(guard, rc, query);
          if ('admission' in outcome) admission = outcome.admission;
          else {
            refused = outcome.refused;
            throw outcome.error;
          }
        },
        async willSendResponse(rc) {
          const body = rc.response.body;
          if (body.kind !== 'single') return;
          const result = body.singleResult;
          if (result.errors?.length) adjustStatus(rc, result.errors);
          if (refused) setBudgetHeaders(rc, refused, refused.remaining);
          if (admission) reportCost(guard, rc, result, admission);
        },
      };
    },
  };
}
