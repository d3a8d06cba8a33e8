/**
 * npm run bench: starts the app in this process on a throwaway database,
 * drives it from a forked load client (bench/client.ts) and prints one table.
 * See bench/README.md.
 */
import 'reflect-metadata';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/core/config';
import type { BenchContext, BenchPerson } from './context';
import { prepareDatabase, type BenchDatabase } from './database';
import { LoadClient } from './driver';
import { FANOUT_SIZES, SUBSCRIPTIONS_PER_SOCKET, benchFanOut } from './fanout';
import { loadContractOperations, operation, postGraphQL } from './graphql';
import { benchCreateLaunch, benchLaunchBoard, benchUpdateTask, createLaunch } from './scenarios';
import { formatTable, type Row } from './stats';

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

  const rows: Row[] = [];
  let database: BenchDatabase | null = null;
  try {
    const operations = loadContractOperations();
    database = await prepareDatabase();
    const db = database;
    cleanups.push(() => db.cleanup());
    const date = new Date().toISOString();
    log(`node ${process.version}, ${process.platform}/${process.arch}, date ${date}`);
    log(`database: ${db.description}`);

    const config = loadConfig(db.env);
    const app = await createApp(config);
    cleanups.push(() => app.dispose());
    log(
      `app ready at ${app.url} (pool size ${config.poolSize}) after ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const client = new LoadClient();
    cleanups.push(() => client.stop());
    log(
      `load client process ${client.pid}; ${SUBSCRIPTIONS_PER_SOCKET} subscription per socket for fan-out N in ${FANOUT_SIZES.join(', ')}`,
    );

    const adminToken = db.env.ADMIN_TOKEN;
    const ctx: BenchContext = {
      app,
      client,
      operations,
      adminToken,
      pm: await person(app, adminToken, operations, 'PM', 'MEMBER'),
      pmm: await person(app, adminToken, operations, 'PMM', 'MEMBER'),
      viewer: await person(app, adminToken, operations, 'ENGINEERING', 'VIEWER'),
      log,
    };
    log(
      'people ready: MEMBER PM (launch owner, sends the requests), MEMBER PMM, VIEWER (subscribers)',
    );

    rows.push(await benchCreateLaunch(ctx));
    rows.push(await benchLaunchBoard(ctx));
    rows.push(await benchUpdateTask(ctx, await createLaunch(ctx)));
    rows.push(...(await benchFanOut(ctx)));

    log('disposing: load client, app, database');
    await cleanup();
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    process.stdout.write(
      [
        '',
        `Launch planning API benchmark: node ${process.version}, ${database.description.startsWith('embedded') ? 'embedded PostgreSQL' : 'DATABASE_URL'}, ${date}`,
        '',
        formatTable(rows),
        '',
        'SQL/req 1: statements of one request run alone; SQL/req avg: over the whole run (LaunchBoard: divided by responses +',
        '  the 10 requests in flight when autocannon stopped). RSS: the app process (not the load client) after the scenario.',
        `fan-out rows: requests = deliveries (N x 5 changes); req/s = N / time until all had the new revision; ` +
          'p50/p95/p99 = per-subscriber delivery time; max = time until all; averaged over the 5 changes.',
        "fan-out SQL columns: statements per change beyond the mutation's own (1st change, average).",
        'Timings on this shared machine compare only as ratios within one run.',
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
