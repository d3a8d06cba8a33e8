// The part of autocannon's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      /** Seconds. */
      duration?: number;
      connections?: number;
      pipelining?: number;
      timeout?: number;
      /** A false return counts the response as a mismatch. */
      verifyBody?: (body: string) => boolean;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      totalCompletedRequests: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
    }

    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}
