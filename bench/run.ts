/**
 * npm run bench: starts the app in this process on a throwaway database,
 * drives it from a forked load client (bench/client.ts) and prints one table.
 * See bench/README.md.
 */
import 'reflect-metadata';
import os from 'node:os';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/core/config';
import type { BenchContext, BenchPerson } from './context';
import { startBaseline } from './baseline';
import { prepareDatabase } from './database';
import { LoadClient } from './driver';
import { FANOUT_HEADER, benchFanOut, fanOutCells } from './fanout';
import { loadContractOperations, operation, postGraphQL } from './graphql';
import {
  READ_CONNECTIONS,
  READ_HEADER,
  READ_ROUNDS,
  READ_SECONDS,
  WRITE_HEADER,
  benchCreateLaunch,
  benchRead,
  benchUpdateTask,
  createLaunch,
  generateLaunches,
  readCells,
  writeCells,
  type ReadRow,
  type ReadScenario,
  type WriteRow,
} from './scenarios';
import { PROFILE, QUICK, SETTINGS } from './settings';
import { formatTable } from './stats';

const started = Date.now();

function log(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[${seconds}s] ${message}\n`);
}

interface CreatedPerson {
  createPerson: { person: { id: string } };
}

interface MintedToken {
  createApiToken: { token: string };
}

/** createPerson + createApiToken as the bootstrap admin (the contract operations). */
async function person(
  app: App,
  adminToken: string,
  operations: Map<string, string>,
  discipline: string,
  accessLevel: string,
): Promise<BenchPerson> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await postGraphQL<CreatedPerson>(
    app.url,
    adminToken,
    operation(operations, 'CreatePerson', {
      input: {
        name: `Bench ${discipline} ${suffix}`,
        email: `bench-${discipline.toLowerCase()}-${suffix}@example.com`,
        discipline,
        accessLevel,
      },
    }),
  );
  const id = created.createPerson.person.id;
  const minted = await postGraphQL<MintedToken>(
    app.url,
    adminToken,
    operation(operations, 'CreateApiToken', { input: { personId: id, label: 'bench' } }),
  );
  return { id, token: minted.createApiToken.token };
}

interface Priced {
  launchId: string;
  scenarioIds: string[];
}

/** One launch with 4 pricing tiers and 20 scenarios (PMM owner), for the pricing reads. */
async function pricedLaunch(ctx: BenchContext, launchId: string): Promise<Priced> {
  const tier = async (input: Record<string, unknown>) =>
    (
      await postGraphQL<{ createPricingTier: { pricingTier: { id: string } } }>(
        ctx.app.url,
        ctx.pm.token,
        operation(ctx.operations, 'CreatePricingTier', {
          input: { launchId, currency: 'USD', ...input },
        }),
      )
    ).createPricingTier.pricingTier.id;
  await tier({ name: 'Free', billingModel: 'FLAT', monthlyPriceCents: 0 });
  const team = await tier({
    name: 'Team',
    billingModel: 'PER_SEAT',
    monthlyPriceCents: 1200,
    annualPriceCents: 12000,
  });
  const business = await tier({
    name: 'Business',
    billingModel: 'PER_SEAT',
    monthlyPriceCents: 2500,
  });
  const enterprise = await tier({
    name: 'Enterprise',
    billingModel: 'FLAT',
    monthlyPriceCents: 150000,
  });
  const scenarioIds: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const created = await postGraphQL<{
      createPricingScenario: { pricingScenario: { id: string } };
    }>(
      ctx.app.url,
      ctx.pmm.token,
      operation(ctx.operations, 'CreatePricingScenario', {
        input: {
          launchId,
          name: `Scenario ${i + 1}`,
          assumptions: { annualPlanShare: 0.35, monthlyChurnRate: 0.02, horizonMonths: 12 },
          tiers: [
            {
              tierId: team,
              expectedCustomers: 200 + i * 10,
              seatsPerCustomer: 5,
              monthlyPriceCents: 1000 + i * 50,
            },
            { tierId: business, expectedCustomers: 50, seatsPerCustomer: 20 },
            { tierId: enterprise, expectedCustomers: 3 + (i % 4) },
          ],
        },
      }),
    );
    scenarioIds.push(created.createPricingScenario.pricingScenario.id);
  }
  return { launchId, scenarioIds };
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void>> = [];
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> => {
    cleaning ??= (async () => {
      for (const step of cleanups.splice(0).reverse()) {
        await step().catch((error: unknown) =>
          log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    })();
    return cleaning;
  };
  let interruptedBy: NodeJS.Signals | null = null;
  const interrupted = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const operations = loadContractOperations();
    const database = await prepareDatabase();
    cleanups.push(() => database.cleanup());
    const date = new Date().toISOString();
    const loadBefore = os.loadavg();
    log(
      `node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores, NODE_ENV=${process.env.NODE_ENV ?? ''}, date ${date}`,
    );
    log(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}`);
    log(`database: ${database.description}`);
    if (!(globalThis as { gc?: unknown }).gc)
      log('warning: run with --expose-gc for memory per subscriber');

    const config = loadConfig(database.env);
    const app = await createApp(config);
    cleanups.push(() => app.dispose());
    const databaseUrl = (app.dataSource.options as { url: string }).url;
    const baseline = await startBaseline(databaseUrl);
    cleanups.push(() => baseline.close());
    log(`app ready at ${app.url}; raw baseline at ${baseline.url}, floor at ${baseline.floorUrl}`);

    const client = new LoadClient();
    cleanups.push(() => client.stop());
    const prober = new LoadClient();
    cleanups.push(() => prober.stop());
    const adminToken = database.env.ADMIN_TOKEN;
    const ctx: BenchContext = {
      app,
      client,
      prober,
      operations,
      adminToken,
      pm: await person(app, adminToken, operations, 'PM', 'MEMBER'),
      pmm: await person(app, adminToken, operations, 'PMM', 'MEMBER'),
      viewer: await person(app, adminToken, operations, 'ENGINEERING', 'VIEWER'),
      baseline,
      log,
    };

    const { TIER_1, TIER_2, TIER_3 } = SETTINGS.launches;
    log(
      `${QUICK ? 'QUICK RUN (checks the bench works; timings mean nothing). ' : ''}generating ${TIER_1 + TIER_2 + TIER_3} launches (${TIER_1} TIER_1, ${TIER_2} TIER_2, ${TIER_3} TIER_3)`,
    );
    await generateLaunches(ctx);
    const counts: Array<{ launches: number; tasks: number }> = await app.dataSource.query(
      'SELECT (SELECT count(*)::int FROM launches) AS launches, (SELECT count(*)::int FROM tasks) AS tasks',
    );
    log(`data: ${counts[0].launches} launches, ${counts[0].tasks} tasks`);
    const checklistLaunch = await createLaunch(ctx, 'TIER_1');
    const priced = await pricedLaunch(ctx, checklistLaunch);
    await app.dataSource.query('ANALYZE');

    const reads: ReadRow[] = [];
    const readScenarios: ReadScenario[] = [
      {
        name: 'LaunchBoard first:50',
        request: operation(operations, 'LaunchBoard', { first: 50 }),
        baseline: true,
      },
      {
        name: 'LaunchChecklist TIER_1 first:100',
        request: operation(operations, 'LaunchChecklist', {
          launchId: checklistLaunch,
          first: 100,
        }),
        baseline: true,
      },
      {
        name: 'LaunchPricing 20 scenarios',
        request: operation(operations, 'LaunchPricing', { launchId: priced.launchId }),
        baseline: true,
      },
      {
        name: 'ComparePricingScenarios 20',
        request: operation(operations, 'ComparePricingScenarios', { ids: priced.scenarioIds }),
        baseline: true,
      },
    ];
    const profiledReads = readScenarios.filter((r) => !PROFILE || r.name.startsWith(PROFILE));
    for (const read of profiledReads) reads.push(await benchRead(ctx, read));

    const writes: WriteRow[] = [];
    if (!PROFILE) {
      writes.push(await benchCreateLaunch(ctx));
      writes.push(await benchUpdateTask(ctx, await createLaunch(ctx)));
    }

    const fanOut = !PROFILE || PROFILE === 'fanout' ? await benchFanOut(ctx) : [];
    const loadAfter = os.loadavg();

    log('disposing: load client, baseline, app, database');
    await cleanup();
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    process.stdout.write(
      [
        '',
        ...(QUICK ? ['QUICK RUN: checks that the bench works; its timings mean nothing.'] : []),
        `Launch planning API benchmark: node ${process.version}, ${os.cpus().length} cores, ${database.description.startsWith('embedded') ? 'embedded PostgreSQL' : 'DATABASE_URL'}, ${date}`,
        `Load average (1, 5, 15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after: ${loadAfter.map((l) => l.toFixed(2)).join(', ')}`,
        `Data: ${counts[0].launches} launches, ${counts[0].tasks} tasks. Server, PostgreSQL and load client share the machine.`,
        '',
        formatTable(READ_HEADER, reads.map(readCells)),
        '',
        formatTable(WRITE_HEADER, writes.map(writeCells)),
        '',
        formatTable(FANOUT_HEADER, fanOut.map(fanOutCells)),
        '',
        `Reads: autocannon, ${READ_CONNECTIONS} connections, ${READ_ROUNDS} interleaved rounds of ${READ_SECONDS} s (project, baseline, ...); medians, ratio with its min–max.`,
        '  baseline: hand-written node:http + pg, same token check, same bytes (checked before timing). CPU: this process per request.',
        "  SQL/req: the app's pool; budget SQL/req: the cost budget's own pool (charges, batched per token, and refund writes).",
        'Fan-out: p50/p99 per subscriber from sending the mutation (floor: the broadcast request) to receipt, averaged over the changes;',
        '  heap/RSS per idle subscriber after GC; SQL/change beyond the mutation; mutation p50/p99: UpdateTask on another launch,',
        '  one after another from a second load client (not the one receiving the fan-out) while the fan-out ran;',
        '  floor mutation p99: the same probes to the project while the floor broadcast (in this process, unsliced).',
        '  Compare timings only as ratios within one run.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    if (interruptedBy) return;
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exitCode = 1;
  }
}

void main();
