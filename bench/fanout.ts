import type { ServerResponse } from 'node:http';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { countStatements, settle, type BenchContext } from './context';
import { operation, postGraphQL } from './graphql';
import type { GraphQLRequest, ReplyFor } from './protocol';
import { createLaunch, firstTask, toggler } from './scenarios';
import { fixed, mean, percentile } from './stats';
import { SETTINGS } from './settings';

export const FANOUT_SIZES = SETTINGS.fanOutSizes;
/** Changes per N: the first without probes (its SQL is counted), then with probes. */
const CHANGES = SETTINGS.fanOutChanges;
const TIMEOUT_MS = 120_000;

interface Deliveries {
  p50: number;
  p99: number;
  max: number;
}

export interface FanOutRow {
  n: number;
  project: Deliveries;
  floor: Deliveries;
  heapKb: number;
  rssKb: number;
  floorHeapKb: number;
  floorRssKb: number;
  sqlPerChange: number[];
  /** The probe mutations, sent by the prober while the fan-out ran. */
  mutationMs: number[];
  /** The change mutations as the subscribers' client saw them (its event loop busy). */
  changeMs: number[];
  /** The same probes while the floor broadcast: what the machine's load alone does to them. */
  floorMutationMs: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Heap and RSS after a full GC (the bench runs with --expose-gc). */
function memory(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

function summarize(changes: number[][]): Deliveries {
  return {
    p50: mean(changes.map((d) => percentile(d, 50))),
    p99: mean(changes.map((d) => percentile(d, 99))),
    max: mean(changes.map((d) => Math.max(...d))),
  };
}

/**
 * Per N: N graphql-ws subscribers of one launch's ChecklistStatusChanged
 * (one per socket, VIEWER token) and CHANGES UpdateTask changes; then N plain
 * sockets on the raw broadcast floor and CHANGES broadcasts of one message of
 * the same size. Memory is read idle, after GC, before and after opening.
 */
export async function benchFanOut(ctx: BenchContext): Promise<FanOutRow[]> {
  const setup = await prepareFanOut(ctx);
  const rows: FanOutRow[] = [];
  for (const n of FANOUT_SIZES) {
    const memoryOf = await openSubscribers(ctx, setup, n);
    const project = await projectChanges(ctx, setup, n);
    const floor = await floorBroadcasts(ctx, setup, n);
    const row: FanOutRow = {
      n,
      project: summarize(project.deliveries),
      floor: summarize(floor.deliveries),
      heapKb: memoryOf.heapKb,
      rssKb: memoryOf.rssKb,
      floorHeapKb: floor.heapKb,
      floorRssKb: floor.rssKb,
      sqlPerChange: project.sql,
      mutationMs: project.mutationMs,
      changeMs: project.changeMs,
      floorMutationMs: floor.mutationMs,
    };
    ctx.log(
      `  p99 ${row.project.p99.toFixed(0)} ms vs floor ${row.floor.p99.toFixed(0)} ms; SQL beyond the mutation ${project.sql.join(', ')}; ` +
        `probe mutations meanwhile p99 ${percentile(project.mutationMs, 99).toFixed(0)} ms (${project.mutationMs.length} requests from the prober; ` +
        `during the floor's broadcasts ${percentile(floor.mutationMs, 99).toFixed(0)} ms, ${floor.mutationMs.length} requests); ` +
        `the server's own time for the requests meanwhile p99 ${percentile(project.serverMs, 99).toFixed(0)} ms (${project.serverMs.length}); ` +
        `the change mutations as the subscribers' client saw them p99 ${percentile(project.changeMs, 99).toFixed(0)} ms; ` +
        `server CPU for the first change ${project.cpuMs.toFixed(0)} ms (mutation included; floor's first broadcast ${floor.cpuMs.toFixed(0)} ms); ` +
        `event-loop delay ${delay(project.loop)} (idle: ${delay(project.idleLoop)})`,
    );
    rows.push(row);
  }
  return rows;
}

interface FanOutSetup {
  subscription: GraphQLRequest;
  wsUrl: string;
  /** One change (UpdateTask), with or without probes, and its statements. */
  change(withProbes: boolean): Promise<{
    value: ReplyFor<'change'> & { probeMs: number[]; serverMs: number[] };
    statements: number;
  }>;
  /**
   * Runs `work` while the prober sends the probe mutations; their latencies, and the
   * server's time for every request meanwhile (from its 'request' event to the answer sent).
   */
  whileProbing<T>(
    work: () => Promise<T>,
  ): Promise<{ value: T; probeMs: number[]; serverMs: number[] }>;
  /** The mutation's own statements. */
  own: number;
}

/** The launch subscribed to, the probe launch, the floor's message, the mutation's own SQL. */
async function prepareFanOut(ctx: BenchContext): Promise<FanOutSetup> {
  const launchId = await createLaunch(ctx);
  const nextChange = toggler(ctx, await firstTask(ctx, launchId));
  const probeLaunch = await createLaunch(ctx);
  const nextProbe = toggler(ctx, await firstTask(ctx, probeLaunch));
  const probes: GraphQLRequest[] = Array.from({ length: 50 }, () => nextProbe());
  await setFloorMessage(ctx, launchId);
  const whileProbing = async <T>(work: () => Promise<T>) => {
    const serverSide = timeRequests(ctx);
    const probing = ctx.prober.call({
      kind: 'probe',
      url: ctx.app.url,
      token: ctx.pm.token,
      requests: probes,
    });
    try {
      const value = await work();
      const probeMs = (await stopProbes(ctx, probing)).latenciesMs;
      return { value, probeMs, serverMs: serverSide.stop() };
    } catch (error) {
      serverSide.stop();
      await stopProbes(ctx, probing).catch(() => undefined);
      throw error;
    }
  };
  const sendChange = () =>
    ctx.client.call({
      kind: 'change',
      url: ctx.app.url,
      token: ctx.pm.token,
      request: nextChange(),
      timeoutMs: TIMEOUT_MS,
    });
  const change = (withProbes: boolean) =>
    countStatements(ctx, async () => {
      if (!withProbes) return { ...(await sendChange()), probeMs: [], serverMs: [] };
      const { value, probeMs, serverMs } = await whileProbing(sendChange);
      return { ...value, probeMs, serverMs };
    });
  const own = (await change(false)).statements;
  ctx.log(`fan-out: the mutation alone runs ${own} SQL statements`);
  return {
    subscription: operation(ctx.operations, 'ChecklistStatusChanged', { launchId }),
    wsUrl: ctx.app.url.replace(/^http/, 'ws'),
    change,
    whileProbing,
    own,
  };
}

/**
 * The app's time for each HTTP request from now until stop(): from its
 * 'request' event (headers parsed: a request waiting in the socket before
 * that is not counted) to the answer handed to the kernel.
 */
function timeRequests(ctx: BenchContext): { stop(): number[] } {
  const times: number[] = [];
  const server = ctx.app.server.httpServer;
  const onRequest = (_req: unknown, res: ServerResponse) => {
    const started = performance.now();
    res.once('finish', () => times.push(performance.now() - started));
  };
  server.on('request', onRequest);
  return {
    stop: () => {
      server.off('request', onRequest);
      return times;
    },
  };
}

/** This process's CPU time (user and system) since `start`, in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Ends a running probe (after its request in flight) and returns its reply. */
async function stopProbes(
  ctx: BenchContext,
  probing: Promise<ReplyFor<'probe'>>,
): Promise<ReplyFor<'probe'>> {
  await ctx.prober.call({ kind: 'stopProbes' });
  return probing;
}

/** The floor's message: a next message of the same status, byte for byte the same size. */
async function setFloorMessage(ctx: BenchContext, launchId: string): Promise<void> {
  const status = await postGraphQL<{ launch: { checklistStatus: unknown } }>(
    ctx.app.url,
    ctx.pm.token,
    operation(ctx.operations, 'LaunchChecklist', { launchId, first: 1 }),
  );
  await fetch(ctx.baseline.url.replace('/graphql', '/floor-message'), {
    method: 'POST',
    body: `{"id":"s","type":"next","payload":${JSON.stringify({ data: { checklistStatusChanged: status.launch.checklistStatus } })}}`,
  });
}

/** N graphql-ws subscribers, idle; heap and RSS growth per subscriber after GC. */
async function openSubscribers(ctx: BenchContext, setup: FanOutSetup, n: number) {
  await settle(ctx);
  const before = memory();
  const opened = await ctx.client.call({
    kind: 'subscribe',
    mode: 'graphql',
    wsUrl: setup.wsUrl,
    token: ctx.viewer.token,
    request: setup.subscription,
    subscribers: n,
    timeoutMs: TIMEOUT_MS,
  });
  await until(`${n} shared subscribers`, () => ctx.app.server.subscriptions.memberCount === n);
  await settle(ctx);
  const idle = memory();
  const heapKb = (idle.heap - before.heap) / n / 1024;
  ctx.log(
    `fan-out N=${n}: ${opened.sockets} sockets subscribed in ${(opened.setupMs / 1000).toFixed(1)} s; ` +
      `${ctx.app.server.subscriptions.groups.size} shared group(s); heap +${heapKb.toFixed(1)} KB per subscriber`,
  );
  return { heapKb, rssKb: (idle.rss - before.rss) / n / 1024 };
}

/**
 * CHANGES changes to the N subscribers, then they close. The server's event
 * loop delay is watched while the changes fan out, and for comparison over
 * 2 s with the N sockets idle (what the machine's load alone does).
 */
async function projectChanges(ctx: BenchContext, setup: FanOutSetup, n: number) {
  const idleLoop = monitorEventLoopDelay({ resolution: 1 });
  idleLoop.enable();
  await sleep(2000);
  idleLoop.disable();
  const deliveries: number[][] = [];
  const sql: number[] = [];
  const mutationMs: number[] = [];
  const changeMs: number[] = [];
  const serverMs: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let cpuMs = 0;
  for (let i = 0; i < CHANGES; i += 1) {
    const cpu = process.cpuUsage();
    const { value, statements } = await setup.change(i > 0);
    if (i === 0) cpuMs = cpuMsSince(cpu);
    if (value.deliveryMs.length !== n)
      throw new Error(`N=${n}: ${value.deliveryMs.length} deliveries`);
    deliveries.push(value.deliveryMs);
    mutationMs.push(...value.probeMs);
    serverMs.push(...value.serverMs);
    changeMs.push(value.mutationMs);
    if (i === 0) sql.push(statements - setup.own);
  }
  loop.disable();
  await ctx.client.call({ kind: 'unsubscribe' });
  await until('0 shared subscribers', () => ctx.app.server.subscriptions.memberCount === 0);
  return { deliveries, sql, mutationMs, changeMs, serverMs, loop, idleLoop, cpuMs };
}

/** N plain sockets on the floor and CHANGES broadcasts; memory growth per socket. */
async function floorBroadcasts(ctx: BenchContext, setup: FanOutSetup, n: number) {
  await settle(ctx);
  const before = memory();
  await ctx.client.call({
    kind: 'subscribe',
    mode: 'floor',
    wsUrl: ctx.baseline.floorUrl,
    subscribers: n,
    timeoutMs: TIMEOUT_MS,
  });
  await until(`${n} floor sockets`, () => ctx.baseline.floorSockets() === n);
  const idle = memory();
  const deliveries: number[][] = [];
  const mutationMs: number[] = [];
  let cpuMs = 0;
  const broadcast = () =>
    ctx.client.call({
      kind: 'broadcast',
      url: ctx.baseline.url.replace('/graphql', '/broadcast'),
      timeoutMs: TIMEOUT_MS,
    });
  // As for the project: the first without probes, the others with the same probes.
  for (let i = 0; i < CHANGES; i += 1) {
    if (i === 0) {
      const cpu = process.cpuUsage();
      deliveries.push((await broadcast()).deliveryMs);
      cpuMs = cpuMsSince(cpu);
      continue;
    }
    const { value, probeMs } = await setup.whileProbing(broadcast);
    deliveries.push(value.deliveryMs);
    mutationMs.push(...probeMs);
  }
  await ctx.client.call({ kind: 'unsubscribe' });
  await until('0 floor sockets', () => ctx.baseline.floorSockets() === 0);
  const perSocket = (bytes: number) => bytes / n / 1024;
  return {
    deliveries,
    heapKb: perSocket(idle.heap - before.heap),
    rssKb: perSocket(idle.rss - before.rss),
    mutationMs,
    cpuMs,
  };
}

function delay(histogram: IntervalHistogram): string {
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  return `p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms`;
}

export const FANOUT_HEADER = [
  'fan-out (1 sub/socket)',
  'p50 ms',
  'p99 ms',
  'max ms',
  'floor p50',
  'floor p99',
  'floor max',
  'p99 ratio',
  'heap KB/sub',
  'floor heap KB',
  'RSS KB/sub',
  'floor RSS KB',
  'SQL/change',
  'mutation p50',
  'mutation p99',
  'floor mutation p99',
];

export function fanOutCells(row: FanOutRow): string[] {
  return [
    `N=${row.n}`,
    fixed(row.project.p50, 0),
    fixed(row.project.p99, 0),
    fixed(row.project.max, 0),
    fixed(row.floor.p50, 0),
    fixed(row.floor.p99, 0),
    fixed(row.floor.max, 0),
    `${fixed(row.project.p99 / row.floor.p99, 2)}×`,
    fixed(row.heapKb, 1),
    fixed(row.floorHeapKb, 1),
    fixed(row.rssKb, 1),
    fixed(row.floorRssKb, 1),
    row.sqlPerChange.join(','),
    fixed(percentile(row.mutationMs, 50), 0),
    fixed(percentile(row.mutationMs, 99), 0),
    fixed(percentile(row.floorMutationMs, 99), 0),
  ];
}
