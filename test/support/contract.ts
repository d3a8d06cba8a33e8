import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { TestApp, GraphQLResponse } from './test-app';
import { ADMIN_TOKEN } from './test-app';
import { subscribe, wsClient, type Subscription } from './ws';

export const CONTRACT_DIR = path.join(__dirname, '../contract');

export function contractText(file: string): string {
  return readFileSync(path.join(CONTRACT_DIR, file), 'utf8');
}

/** Sends a named operation of a contract file, the file's text unchanged. */
export type RunOperation = (
  operationName: string,
  variables?: Record<string, unknown>,
  token?: string | null,
) => Promise<GraphQLResponse>;

export function operationRunner(t: TestApp, file: string): RunOperation {
  const text = contractText(file);
  return (operationName, variables = {}, token = ADMIN_TOKEN) =>
    t.gql(text, variables, token, operationName);
}

export { ok } from './helpers';

/** Subscribes to a named subscription of a contract file over a real graphql-ws socket. */
export type SubscribeOperation = (
  operationName: string,
  variables: Record<string, unknown>,
  token?: string,
) => { sub: Subscription; close(): Promise<void> };

export function operationSubscriber(t: TestApp, file: string): SubscribeOperation {
  const text = contractText(file);
  return (operationName, variables, token = ADMIN_TOKEN) => {
    const { client } = wsClient(t.wsUrl, token);
    const sub = subscribe(client, text, variables, operationName);
    return {
      sub,
      close: async () => {
        sub.dispose();
        await client.dispose();
      },
    };
  };
}

export interface ContractTools {
  t: TestApp;
  run: RunOperation;
  subscribe: SubscribeOperation;
}

export interface ContractOperation {
  file: string;
  name: string;
  /** The whole file's text, as clients send it (with operationName). */
  text: string;
  definition: OperationDefinitionNode;
}

/** Every named operation of the contract's operation files, of one kind. */
export function contractOperations(
  kind: 'query' | 'mutation' | 'subscription',
): ContractOperation[] {
  return readdirSync(CONTRACT_DIR)
    .filter((file) => file.endsWith('.graphql') && file !== 'inputs.graphql')
    .sort()
    .flatMap((file) => {
      const text = contractText(file);
      return parse(text)
        .definitions.filter(
          (d): d is OperationDefinitionNode =>
            d.kind === Kind.OPERATION_DEFINITION && d.operation === kind,
        )
        .map((definition) => ({ file, name: definition.name!.value, text, definition }));
    });
}
