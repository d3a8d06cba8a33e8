import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface BenchDatabase {
  /** What to print: embedded, or the DATABASE_URL server (no password) and the bench database. */
  description: string;
  /** The environment for loadConfig. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh temp DATA_DIR per run (never the project's .data/). With
 * DATABASE_URL: a database lp_bench_<random> of its own on that server,
 * dropped again by cleanup(); without: createApp starts an embedded
 * PostgreSQL in DATA_DIR/pg, removed by cleanup() after app.dispose().
 */
export async function prepareDatabase(): Promise<BenchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-bench-'));
  // As root the embedded server runs as `postgres`, who must be able to enter DATA_DIR.
  await fs.chmod(dataDir, 0o755);
  const removeDataDir = () => fs.rm(dataDir, { recursive: true, force: true });
  const env: Record<string, string> = {
    SEED_DEMO: 'false',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: randomBytes(16).toString('hex'),
    DATA_DIR: dataDir,
    // The per-token cost budget stays on (its statements are part of every request), but
    // wide enough that 10 connections for seconds never meet a 429.
    RATE_LIMIT_COST_PER_MINUTE: '1000000000',
    // The fan-out opens up to 10,000 sockets with one VIEWER token.
    WS_MAX_SOCKETS_PER_TOKEN: '100000',
  };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return {
      description: `embedded PostgreSQL (temp DATA_DIR ${dataDir})`,
      env,
      cleanup: removeDataDir,
    };
  }

  const name = `lp_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const server = new URL(serverUrl);
  return {
    description: `DATABASE_URL server ${server.hostname}:${server.port || '5432'}, bench database ${name}`,
    env: { ...env, DATABASE_URL: withDatabase(serverUrl, name) },
    cleanup: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
        await removeDataDir();
      }
    },
  };
}
