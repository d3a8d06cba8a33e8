import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, separateOperations } from 'graphql';
import type { GraphQLRequest } from './protocol';

/** The project root: dist/bench/*.js sits two levels below it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const CONTRACT_FILES = ['people', 'launches', 'checklist', 'pricing'];

/**
 * The operations clients send, exactly as in test/contract/*.graphql: each
 * operation printed with only the fragments it uses.
 */
export function loadContractOperations(): Map<string, string> {
  const text = CONTRACT_FILES.map((name) =>
    readFileSync(path.join(PROJECT_ROOT, 'test', 'contract', `${name}.graphql`), 'utf8'),
  ).join('\n');
  const operations = new Map<string, string>();
  for (const [name, document] of Object.entries(separateOperations(parse(text)))) {
    operations.set(name, print(document));
  }
  return operations;
}

export function operation(
  operations: Map<string, string>,
  operationName: string,
  variables: Record<string, unknown> = {},
): GraphQLRequest {
  const query = operations.get(operationName);
  if (!query) throw new Error(`operation ${operationName} not found in test/contract/*.graphql`);
  return { query, operationName, variables };
}

export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** POSTs one operation; throws on a non-200 status or any GraphQL error. */
export async function postGraphQL<T>(
  url: string,
  token: string,
  request: GraphQLRequest,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  let body: GraphQLResult<T>;
  try {
    body = JSON.parse(text) as GraphQLResult<T>;
  } catch {
    throw new Error(
      `${request.operationName}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`,
    );
  }
  if (response.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(
      `${request.operationName}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`,
    );
  }
  return body.data;
}

/** A date `days` from today (UTC), YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
