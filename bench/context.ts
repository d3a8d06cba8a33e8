import type { App } from '../src/app';
import type { Baseline } from './baseline';
import type { LoadClient } from './driver';
import { postGraphQL } from './graphql';
import type { GraphQLRequest } from './protocol';

export interface BenchPerson {
  id: string;
  token: string;
}

/** What every scenario gets: the app in this process, the load client, the people, the operations. */
export interface BenchContext {
  app: App;
  client: LoadClient;
  /**
   * A second load client that only sends the probe mutations during a fan-out: the
   * subscribers' client is busy receiving it and would add its own delay to theirs.
   */
  prober: LoadClient;
  operations: Map<string, string>;
  adminToken: string;
  /** MEMBER, discipline PM: creates the launches and changes their tasks. */
  pm: BenchPerson;
  /** MEMBER, discipline PMM: the launches' PMM owner. */
  pmm: BenchPerson;
  /** VIEWER: the subscribers' identity. */
  viewer: BenchPerson;
  /** The hand-written server and the raw broadcast floor. */
  baseline: Baseline;
  log(message: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the SQL counter has not moved for `quietMs` (async work such as fan-out has finished). */
export async function settle(ctx: BenchContext, quietMs = 100, maxMs = 5000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = ctx.app.queries.count;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(20);
    const now = ctx.app.queries.count;
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
  ctx.log(`warning: SQL counter still moving after ${maxMs} ms`);
}

/** Runs `work` while nothing else runs and returns the SQL statements the app ran meanwhile. */
export async function countStatements<T>(
  ctx: BenchContext,
  work: () => Promise<T>,
): Promise<{ value: T; statements: number }> {
  await settle(ctx);
  const before = ctx.app.queries.count;
  const value = await work();
  await settle(ctx);
  return { value, statements: ctx.app.queries.count - before };
}

/** One request from this process, with its exact statement count. */
export function single<T>(
  ctx: BenchContext,
  token: string,
  request: GraphQLRequest,
): Promise<{ value: T; statements: number }> {
  return countStatements(ctx, () => postGraphQL<T>(ctx.app.url, token, request));
}
