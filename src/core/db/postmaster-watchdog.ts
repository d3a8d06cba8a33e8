import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * A watchdog that stops the embedded postmaster when this process dies, by any signal
 * (kill -9 included). It is a tiny shell (not another Node process) in a session of its
 * own, so a terminal's Ctrl-C or a group signal does not take it down first. It reads
 * its stdin, a pipe only this process holds: the kernel closes that pipe however this
 * process ends, and the read returns. "stopped" on the pipe means the postmaster was
 * stopped here already; otherwise it asks the postmaster for a fast shutdown (SIGINT:
 * open transactions rolled back, a checkpoint, exit) and, after 10 s, an immediate one.
 */
const SCRIPT = `
trap '' INT HUP TERM
while IFS= read -r line; do
  [ "$line" = stopped ] && exit 0
done
kill -0 "$1" 2>/dev/null || exit 0
kill -INT "$1" 2>/dev/null
i=0
while kill -0 "$1" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -QUIT "$1" 2>/dev/null
exit 0
`;

export interface PostmasterWatchdog {
  /** The watchdog's pid (tests kill it to show what happens without one). */
  pid: number | undefined;
  /** The postmaster was stopped by this process: the watchdog exits without signalling. */
  release(): void;
}

/** Starts the watchdog of the postmaster `postmasterPid` (none on Windows, which has no sh). */
export function watchPostmaster(postmasterPid: number | undefined): PostmasterWatchdog {
  if (!postmasterPid || process.platform === 'win32') {
    return { pid: undefined, release: () => undefined };
  }
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'launch-api-pg-watchdog', String(postmasterPid)], {
    cwd: '/',
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.on('error', () => undefined); // no /bin/sh: the next start still clears a leftover
  // Neither the watchdog nor its pipe keeps this process's event loop alive.
  child.unref();
  const stdin = child.stdin as (typeof child.stdin & Partial<Pick<Socket, 'unref'>>) | null;
  stdin?.on('error', () => undefined);
  stdin?.unref?.();
  let released = false;
  return {
    pid: child.pid,
    release: () => {
      if (released) return;
      released = true;
      stdin?.end('stopped\n');
    },
  };
}
