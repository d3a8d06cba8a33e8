import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client on a real socket; `closed` resolves with the close code. */
export function wsClient(url: string, token: string | null): { client: Client; closed: Promise<number> } {
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
