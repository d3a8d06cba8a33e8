import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Viewer } from '../auth/viewer';
import type { LimitsConfig } from '../config';
import { isDatabaseUnavailable } from '../db/db-errors';
import { AppError } from '../errors';
import type { BudgetState, CostBudget } from './cost-budget';
import { checkInputs } from './input-checks';
import { costLimitError, estimateCost } from './limits';

/** What an admitted operation was charged; the answer reports it and refunds the rest. */
export interface Admission {
  key: string;
  requested: number;
  budget: BudgetState | null;
}

export interface Guard {
  schema: GraphQLSchema;
  limits: LimitsConfig;
  budget: CostBudget | null;
}

/** Whose budget an operation draws on: its API token, or the bootstrap credential. */
export function budgetKey(viewer: Viewer): string {
  return viewer.kind === 'bootstrap' ? 'bootstrap' : `token:${viewer.tokenId}`;
}

function estimate(guard: Guard, request: OperationRequest): number {
  try {
    return estimateCost(
      guard.schema,
      request.document,
      request.operation.name?.value,
      request.variables,
      guard.limits,
    );
  } catch (error) {
    // Variables that do not coerce: execution refuses them before any resolver runs.
    if (error instanceof Error && /^Variable "\$/.test(error.message)) return 0;
    throw costLimitError(Number.POSITIVE_INFINITY, guard.limits);
  }
}

/** Variables of at most this many characters (as JSON) are remembered per operation. */
const VETTED_KEY_CHARS = 1024;
const VETTED_PER_OPERATION = 64;
/** Per guard and parsed operation: the estimate of variables that passed the checks. */
const vettedCosts = new WeakMap<Guard, WeakMap<OperationDefinitionNode, Map<string, number>>>();

/**
 * The inputs checked and the cost estimated and held to the limit (throws the
 * refusal). Both depend only on the operation and its variables: an operation
 * sent again with the same variables (the document is cached, so the same
 * AST) passed them already, and its estimate is remembered.
 */
function vetted(guard: Guard, request: OperationRequest): number {
  const variables = JSON.stringify(request.variables ?? {});
  let byOperation = vettedCosts.get(guard);
  if (!byOperation) vettedCosts.set(guard, (byOperation = new WeakMap()));
  const known = byOperation.get(request.operation)?.get(variables);
  if (known !== undefined) return known;
  checkInputs(guard.schema, request.document, request.operation, request.variables);
  const requested = estimate(guard, request);
  if (requested > guard.limits.cost) throw costLimitError(requested, guard.limits);
  if (variables.length <= VETTED_KEY_CHARS) {
    let costs = byOperation.get(request.operation);
    if (!costs || costs.size >= VETTED_PER_OPERATION) {
      byOperation.set(request.operation, (costs = new Map<string, number>()));
    }
    costs.set(variables, requested);
  }
  return requested;
}

export interface OperationRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | null | undefined;
  viewer: Viewer;
}

/** The refusal of an operation over the token's budget for this minute. */
export function rateLimited(state: BudgetState): AppError {
  return new AppError(
    'RATE_LIMITED',
    `Cost budget of ${state.limit} per minute used up; retry after ${state.retryAfter} s`,
    { retryAfter: state.retryAfter, limit: state.limit, remaining: state.remaining },
  );
}

/**
 * Everything checked after validation and before execution, over HTTP and
 * graphql-ws alike: inputs PostgreSQL cannot take, the cost limit, the
 * token's budget. Throws the refusal; nothing has run and no SQL is sent
 * except the budget's own statement.
 */
export async function admit(guard: Guard, request: OperationRequest): Promise<Admission> {
  const requested = vetted(guard, request);
  const key = budgetKey(request.viewer);
  if (!guard.budget) return { key, requested, budget: null };
  const budget = await guard.budget.charge(key, requested).catch((error: unknown) => {
    // The budget lives in the database: away, the operation could not run either.
    throw isDatabaseUnavailable(error) ? AppError.unavailable() : error;
  });
  if (!budget.allowed) {
    const error = rateLimited(budget);
    Object.assign(error, { budget });
    throw error;
  }
  return { key, requested, budget };
}

/** `extensions.cost` of an answer. */
export function costExtension(admission: Admission, actual: number, limits: LimitsConfig) {
  return {
    requested: admission.requested,
    actual: Math.min(actual, admission.requested),
    limit: limits.cost,
    ...(admission.budget
      ? {
          budget: {
            limit: admission.budget.limit,
            remaining: Math.min(
              admission.budget.limit,
              admission.budget.remaining + Math.max(0, admission.requested - actual),
            ),
            resetAt: admission.budget.resetAt,
          },
        }
      : {}),
  };
}
