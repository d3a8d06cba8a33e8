import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.join(__dirname, '../..');
/** The compiled server: global setup builds it (incrementally) before any test runs. */
export const MAIN = path.join(ROOT, 'dist/src/main.js');

export interface Started {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs the compiled server (or any script) in a child process, collecting its output. */
export function runNode(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {},
): Started {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => out, exited };
}

/** Waits until the output matches, or fails with the output when the process exits first. */
export async function waitForOutput(started: Started, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = started.output().match(pattern);
    if (match) return match;
    const done = await Promise.race([
      started.exited.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 100)),
    ]);
    if (done) {
      const late = started.output().match(pattern);
      if (late) return late;
      throw new Error(`process exited before ${pattern}:\n${started.output()}`);
    }
  }
}
