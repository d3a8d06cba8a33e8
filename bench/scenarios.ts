import { countStatements, settle, single, type BenchContext } from './context';
import { daysFromToday, operation, postGraphQL } from './graphql';
import type { GraphQLRequest, ReplyFor } from './protocol';
import { rssMb, summarize, type Row } from './stats';

const CREATE_LAUNCH_REQUESTS = 100;
const TIER_1_TASKS = 34;
const BOARD_SECONDS = 5;
const BOARD_CONNECTIONS = 10;
const BOARD_PAGE = 50;
const UPDATE_TASK_REQUESTS = 200;

interface CreatedLaunch {
  createLaunch: { launch: { id: string; tier: string; tasks: { totalCount: number } } };
}

interface Board {
  launches: {
    totalCount: number;
    edges: Array<{ node: { id: string; checklistStatus: { totalCount: number } | null } }>;
  };
}

interface Checklist {
  launch: { tasks: { edges: Array<{ node: { id: string; status: string } }> } } | null;
}

let launchCounter = 0;

/** A CreateLaunch (contract operation) of a TIER_1 launch with its template, owned by the bench PM and PMM. */
export function createLaunchRequest(ctx: BenchContext): GraphQLRequest {
  launchCounter += 1;
  return operation(ctx.operations, 'CreateLaunch', {
    input: {
      name: `Bench launch ${launchCounter}`,
      product: 'Bench product',
      tier: 'TIER_1',
      launchDate: daysFromToday(90),
      pmOwnerId: ctx.pm.id,
      pmmOwnerId: ctx.pmm.id,
      applyTemplate: true,
    },
  });
}

export async function createLaunch(ctx: BenchContext): Promise<string> {
  const data = await postGraphQL<CreatedLaunch>(
    ctx.app.url,
    ctx.pm.token,
    createLaunchRequest(ctx),
  );
  return data.createLaunch.launch.id;
}

/** The first task of a launch (the PM owner may change every task of it). */
export async function firstTask(
  ctx: BenchContext,
  launchId: string,
): Promise<{ id: string; status: string }> {
  const data = await postGraphQL<Checklist>(
    ctx.app.url,
    ctx.pm.token,
    operation(ctx.operations, 'LaunchChecklist', { launchId, first: 1 }),
  );
  const task = data.launch?.tasks.edges[0]?.node;
  if (!task) throw new Error(`launch ${launchId} has no tasks`);
  return task;
}

/** An UpdateTask (contract operation) flipping the task between TODO and IN_PROGRESS. */
export function toggler(
  ctx: BenchContext,
  task: { id: string; status: string },
): () => GraphQLRequest {
  let status = task.status;
  return () => {
    status = status === 'IN_PROGRESS' ? 'TODO' : 'IN_PROGRESS';
    return operation(ctx.operations, 'UpdateTask', { input: { id: task.id, status } });
  };
}

function failIfAny(name: string, reply: ReplyFor<'sequential'>): void {
  if (reply.failures > 0)
    throw new Error(`${name}: ${reply.failures} failed requests, first: ${reply.firstFailure}`);
}

/** Sequential requests from the load client; the SQL average covers the whole run. */
async function sequentialRow(
  ctx: BenchContext,
  scenario: string,
  token: string,
  requests: GraphQLRequest[],
  sqlSingle: number,
): Promise<Row> {
  const { value: reply, statements } = await countStatements(ctx, () =>
    ctx.client.call({ kind: 'sequential', url: ctx.app.url, token, requests }),
  );
  failIfAny(scenario, reply);
  const row: Row = {
    scenario,
    requests: reply.latenciesMs.length,
    throughput: (reply.latenciesMs.length * 1000) / reply.elapsedMs,
    ...summarize(reply.latenciesMs),
    sqlSingle,
    sqlAvg: statements / reply.latenciesMs.length,
    rssMb: rssMb(),
  };
  ctx.log(
    `  ${scenario}: ${row.requests} requests in ${(reply.elapsedMs / 1000).toFixed(1)} s, ${statements} SQL statements`,
  );
  return row;
}

/** Row 1: createLaunch TIER_1 with its 34 template tasks, 100 sequential requests by the MEMBER PM. */
export async function benchCreateLaunch(ctx: BenchContext): Promise<Row> {
  const scenario = 'createLaunch TIER_1';
  ctx.log(`${scenario}: one request alone, then ${CREATE_LAUNCH_REQUESTS} sequential`);
  const alone = await single<CreatedLaunch>(ctx, ctx.pm.token, createLaunchRequest(ctx));
  const tasks = alone.value.createLaunch.launch.tasks.totalCount;
  if (tasks !== TIER_1_TASKS)
    throw new Error(`${scenario}: expected ${TIER_1_TASKS} template tasks, got ${tasks}`);
  ctx.log(`  alone: ${alone.statements} SQL statements (launch with ${tasks} tasks)`);
  const requests = Array.from({ length: CREATE_LAUNCH_REQUESTS }, () => createLaunchRequest(ctx));
  return sequentialRow(ctx, scenario, ctx.pm.token, requests, alone.statements);
}

/** Row 2: the LaunchBoard query (first: 50) under autocannon, 10 connections for 5 s. */
export async function benchLaunchBoard(ctx: BenchContext): Promise<Row> {
  const scenario = `LaunchBoard first:${BOARD_PAGE}`;
  const request = operation(ctx.operations, 'LaunchBoard', { first: BOARD_PAGE });
  const alone = await single<Board>(ctx, ctx.pm.token, request);
  const { totalCount, edges } = alone.value.launches;
  if (
    totalCount < BOARD_PAGE ||
    edges.length !== BOARD_PAGE ||
    edges.some((e) => !e.node.checklistStatus)
  ) {
    throw new Error(
      `${scenario}: expected ${BOARD_PAGE} launches with a checklist status, got ${edges.length} of ${totalCount}`,
    );
  }
  ctx.log(
    `${scenario}: ${totalCount} launches in the database; alone: ${alone.statements} SQL statements`,
  );
  ctx.log(`  autocannon: ${BOARD_CONNECTIONS} connections for ${BOARD_SECONDS} s`);
  const { value: reply, statements } = await countStatements(ctx, () =>
    ctx.client.call({
      kind: 'autocannon',
      url: ctx.app.url,
      token: ctx.pm.token,
      request,
      durationS: BOARD_SECONDS,
      connections: BOARD_CONNECTIONS,
      expectInBody: '"edges"',
    }),
  );
  const bad = reply.errors + reply.timeouts + reply.mismatches + reply.non2xx;
  if (bad > 0 || reply.latenciesMs.length === 0) {
    throw new Error(
      `${scenario}: errors ${reply.errors}, timeouts ${reply.timeouts}, mismatches ${reply.mismatches}, non-2xx ${reply.non2xx}`,
    );
  }
  const requests = reply.latenciesMs.length;
  // autocannon stops with one request in flight per connection: the server still runs those
  // (their statements are counted) but their responses are not, so they join the divisor.
  const served = requests + BOARD_CONNECTIONS;
  ctx.log(
    `  ${requests} responses in ${(reply.elapsedMs / 1000).toFixed(1)} s; ${statements} SQL statements / ` +
      `(${requests} + ${BOARD_CONNECTIONS} in flight at stop) = ${(statements / served).toFixed(2)} per request`,
  );
  return {
    scenario,
    requests,
    throughput: (requests * 1000) / reply.elapsedMs,
    ...summarize(reply.latenciesMs),
    sqlSingle: alone.statements,
    sqlAvg: statements / served,
    rssMb: rssMb(),
  };
}

/** Row 3: updateTask toggling one task TODO/IN_PROGRESS, 200 sequential requests by the PM owner. */
export async function benchUpdateTask(ctx: BenchContext, launchId: string): Promise<Row> {
  const scenario = 'updateTask status';
  const task = await firstTask(ctx, launchId);
  const next = toggler(ctx, task);
  await settle(ctx);
  const alone = await single(ctx, ctx.pm.token, next());
  ctx.log(
    `${scenario}: alone: ${alone.statements} SQL statements; then ${UPDATE_TASK_REQUESTS} sequential`,
  );
  const requests = Array.from({ length: UPDATE_TASK_REQUESTS }, () => next());
  return sequentialRow(ctx, scenario, ctx.pm.token, requests, alone.statements);
}
