import { sql } from '../src/core/db/sql';
import { instantiateTemplate } from '../src/modules/checklist';
import { LaunchTier } from '../src/modules/launches';
import { countStatements, settle, single, type BenchContext } from './context';
import { daysFromToday, operation, postGraphQL } from './graphql';
import type { GraphQLRequest, ReplyFor } from './protocol';
import { PROFILE, SETTINGS } from './settings';
import { fixed, median, percentile, spread } from './stats';

const CREATE_LAUNCH_REQUESTS = SETTINGS.createLaunchRequests;
const UPDATE_TASK_REQUESTS = SETTINGS.updateTaskRequests;
export const READ_SECONDS = SETTINGS.readSeconds;
export const READ_ROUNDS = SETTINGS.readRounds;
export const READ_CONNECTIONS = 10;

interface CreatedLaunch {
  createLaunch: { launch: { id: string; tier: string; tasks: { totalCount: number } } };
}

interface Checklist {
  launch: { tasks: { edges: Array<{ node: { id: string; status: string } }> } } | null;
}

let launchCounter = 0;

/** A CreateLaunch (contract operation) owned by the bench PM and PMM. */
export function createLaunchRequest(ctx: BenchContext, tier = 'TIER_1', days = 90): GraphQLRequest {
  launchCounter += 1;
  return operation(ctx.operations, 'CreateLaunch', {
    input: {
      name: `Bench launch ${launchCounter}`,
      product: `Bench product ${launchCounter % 7}`,
      tier,
      launchDate: daysFromToday(days),
      pmOwnerId: ctx.pm.id,
      pmmOwnerId: ctx.pmm.id,
      applyTemplate: true,
    },
  });
}

export async function createLaunch(ctx: BenchContext, tier = 'TIER_1'): Promise<string> {
  const data = await postGraphQL<CreatedLaunch>(
    ctx.app.url,
    ctx.pm.token,
    createLaunchRequest(ctx, tier),
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

/**
 * 500 launches (170 TIER_1, 150 TIER_2, 180 TIER_3; a tenth in the quick run) owned by the
 * bench PM and PMM, written straight into the bench database with the app's own template
 * instantiation (through the API it takes minutes on a loaded machine).
 */
export async function generateLaunches(ctx: BenchContext): Promise<void> {
  const tiers = [
    ...Array.from({ length: SETTINGS.launches.TIER_1 }, () => LaunchTier.TIER_1),
    ...Array.from({ length: SETTINGS.launches.TIER_2 }, () => LaunchTier.TIER_2),
    ...Array.from({ length: SETTINGS.launches.TIER_3 }, () => LaunchTier.TIER_3),
  ];
  const pm = Buffer.from(ctx.pm.id, 'base64url').toString('utf8').split(':')[1];
  const pmm = Buffer.from(ctx.pmm.id, 'base64url').toString('utf8').split(':')[1];
  await ctx.app.dataSource.transaction(async (manager) => {
    const launches = await sql<{ id: string; tier: LaunchTier; launch_date: string }>(
      manager,
      `INSERT INTO launches (name, product, tier, launch_date, pm_owner_id, pmm_owner_id, checklist_revision)
       SELECT 'Generated launch ' || i, 'Product ' || (i % 7), t, $2::date + ((i * 37) % 360)::int, $3, $4, 1
       FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) RETURNING id, tier, launch_date`,
      [tiers, daysFromToday(5), pm, pmm],
    );
    for (const launch of launches) {
      await instantiateTemplate(manager, {
        id: launch.id,
        tier: launch.tier,
        launchDate: launch.launch_date,
        pmOwnerId: pm,
        pmmOwnerId: pmm,
      });
    }
  });
}

export interface WriteRow {
  scenario: string;
  requests: number;
  p50: number;
  p99: number;
  sqlSingle: number;
  sqlAvg: number;
}

async function sequentialRow(
  ctx: BenchContext,
  scenario: string,
  requests: GraphQLRequest[],
  sqlSingle: number,
): Promise<WriteRow> {
  const { value: reply, statements } = await countStatements(ctx, () =>
    ctx.client.call({ kind: 'sequential', url: ctx.app.url, token: ctx.pm.token, requests }),
  );
  failIfAny(scenario, reply);
  ctx.log(`  ${scenario}: ${reply.latenciesMs.length} requests, ${statements} SQL statements`);
  return {
    scenario,
    requests: reply.latenciesMs.length,
    p50: percentile(reply.latenciesMs, 50),
    p99: percentile(reply.latenciesMs, 99),
    sqlSingle,
    sqlAvg: statements / reply.latenciesMs.length,
  };
}

export async function benchCreateLaunch(ctx: BenchContext): Promise<WriteRow> {
  const scenario = 'createLaunch TIER_1';
  const alone = await single<CreatedLaunch>(ctx, ctx.pm.token, createLaunchRequest(ctx));
  ctx.log(`${scenario}: alone ${alone.statements} SQL statements`);
  const requests = Array.from({ length: CREATE_LAUNCH_REQUESTS }, () => createLaunchRequest(ctx));
  return sequentialRow(ctx, scenario, requests, alone.statements);
}

export async function benchUpdateTask(ctx: BenchContext, launchId: string): Promise<WriteRow> {
  const scenario = 'updateTask status';
  const next = toggler(ctx, await firstTask(ctx, launchId));
  await settle(ctx);
  const alone = await single(ctx, ctx.pm.token, next());
  ctx.log(`${scenario}: alone ${alone.statements} SQL statements`);
  const requests = Array.from({ length: UPDATE_TASK_REQUESTS }, () => next());
  return sequentialRow(ctx, scenario, requests, alone.statements);
}

export interface ReadScenario {
  name: string;
  request: GraphQLRequest;
  /** Present when the raw baseline answers this operation. */
  baseline: boolean;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  cpuMs: number;
  sql: number;
  /** The project's cost budget: its statements on its own pool (charges, refund writes). */
  budgetSql: number;
}

export interface ReadRow {
  scenario: string;
  project: Run[];
  baseline: Run[];
  sqlSingle: number;
}

/** One autocannon run against `url`; server CPU and SQL of this process per request. */
async function loadRun(
  ctx: BenchContext,
  url: string,
  request: GraphQLRequest,
  queries: () => number,
  budgetQueries: () => number = () => 0,
): Promise<Run> {
  await settle(ctx);
  const cpu = process.cpuUsage();
  const sql = queries();
  const budgetSql = budgetQueries();
  const reply = await ctx.client.call({
    kind: 'autocannon',
    url,
    token: ctx.pm.token,
    request,
    durationS: READ_SECONDS,
    connections: READ_CONNECTIONS,
    expectInBody: '"data"',
  });
  await settle(ctx);
  const used = process.cpuUsage(cpu);
  const bad = reply.errors + reply.timeouts + reply.mismatches + reply.non2xx;
  if (bad > 0 || reply.latenciesMs.length === 0)
    throw new Error(
      `${url} ${request.operationName}: errors ${reply.errors}, timeouts ${reply.timeouts}, mismatches ${reply.mismatches}, non-2xx ${reply.non2xx}`,
    );
  // autocannon stops with one request in flight per connection: the server still serves those.
  const served = reply.latenciesMs.length + READ_CONNECTIONS;
  return {
    rps: (reply.latenciesMs.length * 1000) / reply.elapsedMs,
    p50: percentile(reply.latenciesMs, 50),
    p99: percentile(reply.latenciesMs, 99),
    cpuMs: (used.user + used.system) / 1000 / served,
    sql: (queries() - sql) / served,
    budgetSql: (budgetQueries() - budgetSql) / served,
  };
}

async function rawPost(url: string, token: string, request: GraphQLRequest): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  });
  return response.text();
}

/** Interleaved rounds: project, baseline, project, baseline, ... after a byte-for-byte check. */
export async function benchRead(ctx: BenchContext, read: ReadScenario): Promise<ReadRow> {
  const alone = await single(ctx, ctx.pm.token, read.request);
  // The project's answer also carries extensions.cost (the query cost and the token's budget,
  // different on every request): the bytes compared are those of the answer without it.
  const answer = JSON.parse(await rawPost(ctx.app.url, ctx.pm.token, read.request)) as {
    extensions?: unknown;
  };
  delete answer.extensions;
  const projectBody = `${JSON.stringify(answer)}\n`;
  if (read.baseline) {
    const baselineBody = await rawPost(ctx.baseline.url, ctx.pm.token, read.request);
    if (baselineBody !== projectBody) {
      let at = 0;
      while (at < projectBody.length && projectBody[at] === baselineBody[at]) at += 1;
      throw new Error(
        `${read.name}: the baseline's bytes differ at ${at}:\n  project:  ${JSON.stringify(projectBody.slice(Math.max(0, at - 80), at + 80))}\n  baseline: ${JSON.stringify(baselineBody.slice(Math.max(0, at - 80), at + 80))}`,
      );
    }
    ctx.log(`${read.name}: baseline answers the same ${projectBody.length} bytes`);
  }
  ctx.log(
    `${read.name}: alone ${alone.statements} SQL statements; ${READ_ROUNDS} rounds of ${READ_SECONDS} s`,
  );
  const row: ReadRow = {
    scenario: read.name,
    project: [],
    baseline: [],
    sqlSingle: alone.statements,
  };
  for (let round = 0; round < READ_ROUNDS; round += 1) {
    const budget = ctx.app.budget.statements;
    row.project.push(
      await loadRun(
        ctx,
        ctx.app.url,
        read.request,
        () => ctx.app.queries.count,
        () => budget.charges + budget.refunds,
      ),
    );
    if (read.baseline && !PROFILE)
      row.baseline.push(
        await loadRun(ctx, ctx.baseline.url, read.request, () => ctx.baseline.queries()),
      );
    const p = row.project[round];
    const b = row.baseline[round];
    ctx.log(
      `  round ${round + 1}: project ${p.rps.toFixed(0)} req/s${b ? `, baseline ${b.rps.toFixed(0)} req/s, ratio ${(p.rps / b.rps).toFixed(2)}` : ''}`,
    );
  }
  return row;
}

export const READ_HEADER = [
  'read (10 connections)',
  'req/s',
  'baseline req/s',
  'ratio (median, min–max)',
  'p50 ms',
  'p99 ms',
  'base p50',
  'base p99',
  'CPU ms/req',
  'base CPU ms/req',
  'SQL/req 1',
  'SQL/req avg',
  'budget SQL/req',
  'base SQL/req',
];

export function readCells(row: ReadRow): string[] {
  const m = (runs: Run[], k: keyof Run) => (runs.length ? median(runs.map((r) => r[k])) : null);
  const ratios = row.baseline.map((b, i) => row.project[i].rps / b.rps);
  return [
    row.scenario,
    fixed(m(row.project, 'rps'), 0),
    fixed(m(row.baseline, 'rps'), 0),
    ratios.length ? spread(ratios, 2) : '-',
    fixed(m(row.project, 'p50'), 1),
    fixed(m(row.project, 'p99'), 1),
    fixed(m(row.baseline, 'p50'), 1),
    fixed(m(row.baseline, 'p99'), 1),
    fixed(m(row.project, 'cpuMs'), 2),
    fixed(m(row.baseline, 'cpuMs'), 2),
    String(row.sqlSingle),
    fixed(m(row.project, 'sql'), 2),
    fixed(m(row.project, 'budgetSql'), 2),
    fixed(m(row.baseline, 'sql'), 2),
  ];
}

export const WRITE_HEADER = [
  'write (sequential)',
  'requests',
  'p50 ms',
  'p99 ms',
  'SQL/req 1',
  'SQL/req avg',
];

export function writeCells(row: WriteRow): string[] {
  return [
    row.scenario,
    String(row.requests),
    fixed(row.p50, 1),
    fixed(row.p99, 1),
    String(row.sqlSingle),
    fixed(row.sqlAvg, 2),
  ];
}
