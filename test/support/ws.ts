import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { leftover } from './leftovers';

/** A graphql-ws client on a real socket; `closed` resolves with the close code. */
export function wsClient(
  url: string,
  token: string | null,
): { client: Client; closed: Promise<number> } {
  let onClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    onClosed = resolve;
  });
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => onClosed((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  leftover(() => client.dispose());
  return { client, closed };
}

/** Runs a query over the socket and resolves with its single result. */
export function wsQuery(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return new Promise<{ data?: any; errors?: any[] }>((resolve, reject) => {
    let result: { data?: any; errors?: any[] } = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          result = value as typeof result;
        },
        error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
        complete: () => resolve(result),
      },
    );
  });
}

export interface Subscription<T = any> {
  /** Every message received so far. */
  values: T[];
  /** Resolves with the next message not yet taken by `next()`. */
  next(): Promise<T>;
  /** Resolves with the error the server sent, if it ends the operation with one. */
  error: Promise<any>;
  dispose(): void;
}

/** Subscribes over graphql-ws and buffers messages; `next()` waits on events, never on sleeps. */
export function subscribe<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Subscription<T> {
  const values: T[] = [];
  const waiters: Array<(value: T) => void> = [];
  let taken = 0;
  let onError: (error: any) => void = () => undefined;
  const error = new Promise<any>((resolve) => {
    onError = resolve;
  });
  const unsubscribe = client.subscribe(
    { query, variables, operationName },
    {
      next: (message) => {
        if (message.errors?.length) return onError(message.errors);
        values.push(message.data as T);
        const waiter = waiters.shift();
        if (waiter) {
          taken += 1;
          waiter(message.data as T);
        }
      },
      error: (e) => onError(e),
      complete: () => undefined,
    },
  );
  return {
    values,
    error,
    next: () =>
      new Promise<T>((resolve) => {
        if (taken < values.length) {
          resolve(values[taken]);
          taken += 1;
        } else {
          waiters.push(resolve);
        }
      }),
    dispose: unsubscribe,
  };
}
