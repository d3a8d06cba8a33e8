import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Client } from 'pg';
import { migrate } from '../../src/core/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/core/db/embedded-postgres';
import { createAppDataSource } from '../../src/modules';

declare global {
  var __EMBEDDED_PG__: EmbeddedDatabase | undefined;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * One PostgreSQL per run (DATABASE_URL, or an embedded one in a temp dir),
 * one migrated template database; every test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  // Tests that start the real server in child processes run the compiled output; an
  // incremental build (a no-op when nothing changed), once, before any worker starts.
  const root = path.join(__dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.join(
      os.tmpdir(),
      `launch-api-test-${process.pid}-${randomBytes(3).toString('hex')}`,
    );
    const embedded = await startEmbeddedPostgres({ dataDir, persistent: false, logger });
    globalThis.__EMBEDDED_PG__ = embedded;
    serverUrl = embedded.url;
  }
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `lp_tpl_${runId}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, template);
  const dataSource = createAppDataSource({ url: templateUrl, poolSize: 1 });
  await dataSource.initialize();
  await migrate(dataSource, templateUrl);
  await dataSource.destroy();
  process.env.TEST_PG_SERVER_URL = serverUrl;
  process.env.TEST_PG_TEMPLATE = template;
  process.env.TEST_RUN_ID = runId;
}
