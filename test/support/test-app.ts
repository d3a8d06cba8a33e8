import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Client } from 'pg';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/core/config';
import { leftover } from './leftovers';

export const ADMIN_TOKEN = 'test-bootstrap-admin-token-0123456789';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestApp {
  app: App;
  url: string;
  wsUrl: string;
  databaseUrl: string;
  /** POSTs one operation; `token` defaults to the bootstrap ADMIN_TOKEN, null sends none. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    operationName?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Runs SQL directly against the test database. */
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Clones the migrated template into a database of this test file's own and starts the app on it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_PG_SERVER_URL as string;
  const name = `lp_t_${process.env.TEST_RUN_ID}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_PG_TEMPLATE}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestApp(
  env: Record<string, string> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestApp> {
  // Given a DATABASE_URL, join that database (a second instance); otherwise clone a fresh one.
  const database = env.DATABASE_URL
    ? { url: env.DATABASE_URL, drop: async () => undefined }
    : await createTestDatabase();
  const config = loadConfig({
    ADMIN_TOKEN,
    PORT: '0',
    SEED_DEMO: 'false',
    DATA_DIR: path.join(os.tmpdir(), 'launch-api-test-data'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
    DATABASE_URL: database.url,
  });
  const logger = logStream ? pino({ level: 'info' }, logStream) : pino({ level: config.logLevel });
  const app = await createApp(config, logger);
  const pg = new Client({ connectionString: database.url });
  pg.on('error', () => undefined); // fault tests cut the database away; the next query says so
  await pg.connect();
  const dispose = leftover(async () => {
    await pg.end().catch(() => undefined);
    await app.dispose();
    await database.drop();
  });
  return {
    app,
    url: app.url,
    wsUrl: app.url.replace(/^http/, 'ws'),
    databaseUrl: database.url,
    async gql(query, variables = {}, token = ADMIN_TOKEN, operationName) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(app.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables, operationName }),
      });
      const body = (await res.json()) as GraphQLResponse;
      return { ...body, status: res.status } as never;
    },
    async sql(text, params = []) {
      return (await pg.query(text, params)).rows;
    },
    dispose,
  };
}
