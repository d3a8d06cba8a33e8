import { countStatements, settle, type BenchContext } from './context';
import { operation } from './graphql';
import { createLaunch, firstTask, toggler } from './scenarios';
import { mean, percentile, rssMb, type Row } from './stats';

export const FANOUT_SIZES = [1, 100, 1000];
/** One subscription per graphql-ws socket: N subscribers are N sockets. */
export const SUBSCRIPTIONS_PER_SOCKET = 1;
const CHANGES = 5;
const TIMEOUT_MS = 30_000;

interface ChangeResult {
  statements: number;
  deliveryMs: number[];
  mutationMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForSubscribers(ctx: BenchContext, expected: number): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (ctx.app.events.subscriberCount !== expected) {
    if (Date.now() > deadline) {
      throw new Error(
        `server has ${ctx.app.events.subscriberCount} checklist subscribers, expected ${expected}`,
      );
    }
    await sleep(20);
  }
}

/**
 * Row 4: one launch's checklistStatusChanged with N subscribers; per change,
 * every subscriber's delivery time and the statements beyond the mutation's own.
 */
export async function benchFanOut(ctx: BenchContext): Promise<Row[]> {
  const launchId = await createLaunch(ctx);
  const nextChange = toggler(ctx, await firstTask(ctx, launchId));
  const subscription = operation(ctx.operations, 'ChecklistStatusChanged', { launchId });
  const wsUrl = ctx.app.url.replace(/^http/, 'ws');

  const change = async (): Promise<ChangeResult> => {
    const { value, statements } = await countStatements(ctx, () =>
      ctx.client.call({
        kind: 'change',
        url: ctx.app.url,
        token: ctx.pm.token,
        request: nextChange(),
        timeoutMs: TIMEOUT_MS,
      }),
    );
    return { statements, deliveryMs: value.deliveryMs, mutationMs: value.mutationMs };
  };

  ctx.log(
    `fan-out: updateTask with no subscribers, ${CHANGES} changes (the mutation's own statements)`,
  );
  const alone: number[] = [];
  for (let i = 0; i < CHANGES; i += 1) alone.push((await change()).statements);
  const own = mean(alone);
  ctx.log(`  N=0: ${alone.join(', ')} SQL statements per change`);

  const rows: Row[] = [];
  for (const n of FANOUT_SIZES) {
    const { value: opened, statements: setupStatements } = await countStatements(ctx, () =>
      ctx.client.call({
        kind: 'subscribe',
        wsUrl,
        token: ctx.viewer.token,
        request: subscription,
        subscribers: n,
        perSocket: SUBSCRIPTIONS_PER_SOCKET,
        timeoutMs: TIMEOUT_MS,
      }),
    );
    await waitForSubscribers(ctx, n);
    ctx.log(
      `fan-out N=${n}: ${opened.sockets} sockets, all had the initial status (revision ${opened.revision}) ` +
        `after ${opened.setupMs.toFixed(0)} ms; ${setupStatements} SQL statements to connect and subscribe`,
    );

    const results: ChangeResult[] = [];
    for (let i = 0; i < CHANGES; i += 1) {
      const result = await change();
      if (result.deliveryMs.length !== n)
        throw new Error(`fan-out N=${n}: ${result.deliveryMs.length} deliveries`);
      results.push(result);
    }
    const extra = results.map((r) => r.statements - own);
    const maxes = results.map((r) => Math.max(...r.deliveryMs));
    ctx.log(
      `  per change: SQL beyond the mutation ${extra.join(', ')}; all delivered after ` +
        `${maxes.map((m) => m.toFixed(1)).join(', ')} ms; mutation response ${mean(results.map((r) => r.mutationMs)).toFixed(1)} ms avg`,
    );

    await settle(ctx);
    rows.push({
      scenario: `fan-out N=${n}`,
      requests: n * CHANGES,
      throughput: mean(results.map((r) => (n * 1000) / Math.max(...r.deliveryMs))),
      p50: mean(results.map((r) => percentile(r.deliveryMs, 50))),
      p95: mean(results.map((r) => percentile(r.deliveryMs, 95))),
      p99: mean(results.map((r) => percentile(r.deliveryMs, 99))),
      max: mean(maxes),
      sqlSingle: extra[0],
      sqlAvg: mean(extra),
      rssMb: rssMb(),
    });

    const closed = await ctx.client.call({ kind: 'unsubscribe' });
    await waitForSubscribers(ctx, 0);
    ctx.log(`  closed ${closed.closed} sockets; server has 0 checklist subscribers`);
  }
  return rows;
}
