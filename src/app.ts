import 'reflect-metadata';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ensureDemoAdminToken, isEmpty, seedDemoData } from '../seeds';
import type { AppConfig } from './core/config';
import { createDataSource, migrate, QueryCounter } from './core/db/data-source';
import type { EmbeddedDatabase } from './core/db/embedded-postgres';
import type { Viewer } from './core/auth/viewer';
import { startHttpServer, type RunningServer } from './core/http/server';
import { CostBudget } from './core/graphql/cost-budget';
import { TrustedDocuments } from './core/graphql/trusted-documents';
import { LaunchEvents } from './core/events/launch-events';
import { LAUNCH_CHANNEL, parseNotification } from './modules/activity-log';
import {
  activitySource,
  createAppDataSource,
  createAppSchema,
  createLoaders,
  loadChecklistStatuses,
  sharedSubscriptions,
  type ChecklistStatus,
  type LaunchActivity,
} from './modules';

export interface App {
  /** The GraphQL endpoint, http://host:port/graphql (ws:// on the same path). */
  url: string;
  port: number;
  dataSource: DataSource;
  /** SQL statements run through the pool so far (tests read it around one request). */
  queries: QueryCounter;
  /** The per-token cost budget (its statements run on a pool of its own: `budget.statements`). */
  budget: CostBudget;
  events: LaunchEvents<ChecklistStatus, LaunchActivity>;
  /** The graphql-ws side (shared fan-out executions, cached subscription documents), HTTP: its executor and server. */
  server: Pick<RunningServer, 'subscriptions' | 'documents' | 'executor' | 'httpServer'>;
  /** The demo admin's token when the demo data set is in use. */
  demoAdminToken?: string;
  /** True when the database has no people yet (nobody can hold a token but ADMIN_TOKEN). */
  emptyDatabase: boolean;
  logger: Logger;
  dispose(): Promise<void>;
}

const APP_DATABASE = 'launch_planning';

async function ensureDatabase(embedded: EmbeddedDatabase, logger: Logger): Promise<string> {
  const admin = createDataSource({ url: embedded.url, poolSize: 1 });
  await admin.initialize();
  try {
    const rows: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      APP_DATABASE,
    ]);
    if (rows.length === 0) {
      await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
      logger.info({ database: APP_DATABASE }, 'created database');
    }
  } finally {
    await admin.destroy();
  }
  return embedded.url.replace(/\/postgres$/, `/${APP_DATABASE}`);
}

/** What createApp started, stopped in reverse order (each failure logged, none skipped). */
class Cleanups {
  private readonly steps: Array<() => Promise<void>> = [];

  constructor(private readonly logger: Logger) {}

  push(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  readonly dispose = async (): Promise<void> => {
    for (const step of this.steps.splice(0).reverse()) {
      await step().catch((error: unknown) =>
        this.logger.error({ err: error }, 'error during shutdown'),
      );
    }
  };
}

/** DATABASE_URL, or the embedded PostgreSQL in DATA_DIR (started, its database made). */
async function databaseUrl(config: AppConfig, logger: Logger, cleanups: Cleanups) {
  if (config.databaseUrl) return config.databaseUrl;
  // Loaded only when needed: embedded-postgres is an ES module and tests pass a URL.
  const { startEmbeddedPostgres } = await import('./core/db/embedded-postgres.js');
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    persistent: true,
    logger,
    cacheDir: config.pgCacheDir,
  });
  cleanups.push(() => embedded.stop());
  return ensureDatabase(embedded, logger);
}

/** The pool (with its statement counter), migrated to the latest schema. */
async function openDatabase(
  url: string,
  config: AppConfig,
  logger: Logger,
  cleanups: Cleanups,
  signal?: AbortSignal,
) {
  const queries = new QueryCounter();
  const poolSize = config.poolSize;
  const dataSource = createAppDataSource({ url, poolSize, logger, counter: queries });
  await dataSource.initialize();
  cleanups.push(() => dataSource.destroy());
  const applied = await migrate(dataSource, url, signal);
  logger.info({ applied }, 'migrations up to date');
  return { dataSource, queries };
}

/** Loads the demo data into an empty database when SEED_DEMO is on; the demo admin's token. */
async function demoData(config: AppConfig, dataSource: DataSource, logger: Logger) {
  let demoAdminToken: string | undefined;
  if (config.seedDemo) {
    if (await isEmpty(dataSource)) {
      await seedDemoData(dataSource);
      logger.info('demo data loaded');
    }
    demoAdminToken = await ensureDemoAdminToken(dataSource, config.dataDir);
  }
  const emptyDatabase = !demoAdminToken && (await isEmpty(dataSource));
  return { demoAdminToken, emptyDatabase };
}

type AppEvents = LaunchEvents<ChecklistStatus, LaunchActivity>;

/** The LISTEN connection feeding checklist status and activity to subscribers. */
async function startEvents(url: string, dataSource: DataSource, logger: Logger) {
  const events: AppEvents = new LaunchEvents<ChecklistStatus, LaunchActivity>({
    url,
    logger,
    loadStatuses: (ids) => loadChecklistStatuses(dataSource.manager, ids),
    activity: activitySource(dataSource),
    channel: { name: LAUNCH_CHANNEL, parse: parseNotification },
  });
  await events.start();
  return events;
}

/** HTTP and graphql-ws with the modules' schema, loaders and shared subscriptions. */
async function startServer(
  config: AppConfig,
  parts: { dataSource: DataSource; events: AppEvents; budget: CostBudget; logger: Logger },
) {
  return startHttpServer({
    ...parts,
    schema: await createAppSchema(),
    createLoaders,
    sharedSubscriptions,
    adminToken: config.adminToken,
    port: config.port,
    host: config.host,
    corsOrigins: config.corsOrigins,
    limits: config.limits,
    trusted: config.trustedDocuments === 'contract' ? new TrustedDocuments() : null,
    drainMs: config.drainSeconds * 1000,
  });
}

/** A token's current access level, or null once it is revoked. */
async function currentViewer(dataSource: DataSource, viewer: Viewer): Promise<Viewer | null> {
  if (viewer.kind === 'bootstrap') return viewer;
  const rows: Array<{ access_level: string }> = await dataSource.query(
    `SELECT p.access_level FROM api_tokens t JOIN people p ON p.id = t.person_id
     WHERE t.id = $1 AND t.revoked_at IS NULL`,
    [viewer.tokenId],
  );
  return rows[0]
    ? { ...viewer, accessLevel: rows[0].access_level as typeof viewer.accessLevel }
    : null;
}

/** Revocations and access changes reach open sockets; after a listener gap, every socket is checked. */
function watchAccess(events: AppEvents, server: RunningServer, dataSource: DataSource): void {
  events.onAccessChanged = (payload) => {
    if (payload !== null) return server.sockets.accessChanged(payload);
    // Notifications may have been missed while the listener was away: check every socket.
    void server.sockets.recheck((viewer) => currentViewer(dataSource, viewer));
  };
}

/**
 * Starts everything: database (embedded unless DATABASE_URL), migrations, demo data, HTTP +
 * WebSocket. An aborted `signal` (SIGTERM during start-up) stops it after the step under way,
 * disposing what started, and rejects with the signal's reason.
 */
export async function createApp(
  config: AppConfig,
  logger: Logger = pino({ level: config.logLevel }),
  signal?: AbortSignal,
): Promise<App> {
  const cleanups = new Cleanups(logger);
  try {
    const url = await databaseUrl(config, logger, cleanups);
    signal?.throwIfAborted();
    const { dataSource, queries } = await openDatabase(url, config, logger, cleanups, signal);
    signal?.throwIfAborted();
    const demo = await demoData(config, dataSource, logger);
    const events = await startEvents(url, dataSource, logger);
    cleanups.push(() => events.stop());
    signal?.throwIfAborted();
    const budget = new CostBudget(url, config.limits.costPerMinute, logger);
    cleanups.push(() => budget.close());
    const server = await startServer(config, { dataSource, events, budget, logger });
    cleanups.push(() => server.close());
    signal?.throwIfAborted();
    watchAccess(events, server, dataSource);
    const { subscriptions, documents, executor, httpServer } = server;
    return {
      ...{ url: server.url, port: server.port, dataSource, queries, budget, events, logger },
      ...demo,
      server: { subscriptions, documents, executor, httpServer },
      dispose: cleanups.dispose,
    };
  } catch (error) {
    await cleanups.dispose();
    throw error;
  }
}
