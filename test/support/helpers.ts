import { PassThrough } from 'node:stream';
import type { GraphQLResponse } from './test-app';

/** The global id the API gives an object of `type` with row id `uuid`. */
export function globalId(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`).toString('base64url');
}

/** The row id inside a global id. */
export function uuidOf(id: string): string {
  return Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
}

/** The data of an answer, failing the test (with the errors shown) when it has errors. */
export function ok<T = Record<string, any>>(res: GraphQLResponse): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** A log stream for startTestApp that keeps every JSON line the server logs, parsed. */
export function captureLogs(): { stream: PassThrough; entries: () => any[] } {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) =>
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
  );
  return { stream, entries: () => lines.map((line) => JSON.parse(line)) };
}

/** Runs `run` and returns its value with the SQL statements the app ran meanwhile. */
export async function statementsOf<T>(
  app: { queries: { count: number } },
  run: () => Promise<T>,
): Promise<{ value: T; statements: number }> {
  const before = app.queries.count;
  const value = await run();
  return { value, statements: app.queries.count - before };
}

/** True while a process with this pid exists (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
