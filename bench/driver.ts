import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Command, CommandMessage, Reply, ReplyFor, ReplyMessage } from './protocol';

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** The bench's handle on the forked load client (bench/client.ts). */
export class LoadClient {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;

  constructor() {
    this.child = fork(path.join(__dirname, 'client.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: ReplyMessage) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if ('error' in message) pending.reject(new Error(`load client: ${message.error}`));
      else pending.resolve(message.reply);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      for (const pending of this.pending.values()) {
        pending.reject(new Error(`load client exited (code ${code}, signal ${signal})`));
      }
      this.pending.clear();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  call<C extends Command>(command: C): Promise<ReplyFor<C['kind']>> {
    if (this.exited) return Promise.reject(new Error('load client has exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) => {
          if (reply.kind !== command.kind)
            reject(new Error(`expected a ${command.kind} reply, got ${reply.kind}`));
          else resolve(reply as ReplyFor<C['kind']>);
        },
        reject,
      });
      const message: CommandMessage = { id, command };
      this.child.send(message);
    });
  }

  /** Disconnects (the child closes its sockets and exits); kills it if it lingers. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
