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
  checkInputs(guard.schema, request.document, request.operation, request.variables);
  const requested = estimate(guard, request);
  if (requested > guard.limits.cost) throw costLimitError(requested, guard.limits);
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
