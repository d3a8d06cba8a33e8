/**
 * Messages between the bench (server process: createApp, SQL counter, RSS)
 * and its load client (a forked child process: HTTP requests, autocannon,
 * graphql-ws subscribers), so client work never shares the server's event loop.
 */

export interface GraphQLRequest {
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
}

export type Command =
  /** Sends the requests one after another, each awaited. */
  | { kind: 'sequential'; url: string; token: string; requests: GraphQLRequest[] }
  /** One autocannon run of the same POST body. */
  | {
      kind: 'autocannon';
      url: string;
      token: string;
      request: GraphQLRequest;
      durationS: number;
      connections: number;
      /** A body containing this text counts as a correct response. */
      expectInBody: string;
    }
  /**
   * Opens `subscribers` sockets: graphql-ws with one subscription each (resolves once all have
   * the initial status), or plain sockets to the raw broadcast floor.
   */
  | {
      kind: 'subscribe';
      mode: 'graphql' | 'floor';
      wsUrl: string;
      token?: string;
      request?: GraphQLRequest;
      subscribers: number;
      timeoutMs: number;
    }
  /** Sends one mutation over HTTP and waits until every open subscriber has the next revision. */
  | { kind: 'change'; url: string; token: string; request: GraphQLRequest; timeoutMs: number }
  /**
   * In the prober (a second load client, not the one holding the subscribers): sends the
   * requests one after another, round and round, until `stopProbes`; the mutation latency
   * during a fan-out, measured by a client whose event loop is not busy receiving it.
   */
  | { kind: 'probe'; url: string; token: string; requests: GraphQLRequest[] }
  /** Ends the running `probe` after its request in flight. */
  | { kind: 'stopProbes' }
  /** POSTs the floor's /broadcast and waits until every floor socket has the message. */
  | { kind: 'broadcast'; url: string; timeoutMs: number }
  /** Closes every subscriber socket. */
  | { kind: 'unsubscribe' };

export type Reply =
  | {
      kind: 'sequential';
      latenciesMs: number[];
      elapsedMs: number;
      failures: number;
      firstFailure?: string;
    }
  | {
      kind: 'autocannon';
      latenciesMs: number[];
      elapsedMs: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
    }
  | { kind: 'subscribe'; setupMs: number; sockets: number; revision: number }
  | {
      kind: 'change';
      /** Per subscriber: ms from sending the mutation to receiving the new revision. */
      deliveryMs: number[];
      /** The mutation's answer as this client saw it (its event loop is busy with the fan-out). */
      mutationMs: number;
    }
  | { kind: 'probe'; latenciesMs: number[] }
  | { kind: 'stopProbes' }
  | { kind: 'broadcast'; deliveryMs: number[] }
  | { kind: 'unsubscribe'; closed: number };

export type ReplyFor<K extends Command['kind']> = Extract<Reply, { kind: K }>;

export interface CommandMessage {
  id: number;
  command: Command;
}

export type ReplyMessage = { id: number; reply: Reply } | { id: number; error: string };
