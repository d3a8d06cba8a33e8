import WebSocket from 'ws';
import { buildLaunch, buildPerson, buildTask, type TestPerson } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

// The contract's subscription, as clients send it.
const STATUS = `subscription ChecklistStatusChanged($launchId: ID!) {
  checklistStatusChanged(launchId: $launchId) {
    launchId totalCount closedCount percentComplete overdueCount blockedCount requiredOpenCount health
    byOwnerRole { role totalCount closedCount } revision updatedAt } }`;
// The same selection through graphql-js's own path (a directive on the root field is not shared).
const STATUS_UNSHARED = STATUS.replace(
  '(launchId: $launchId) {',
  '(launchId: $launchId) @include(if: true) {',
);
const STATUS_SHORT = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) { revision } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status } } }`;

/** A graphql-ws socket spoken by hand, so the exact bytes of each message can be compared. */
class RawSocket {
  readonly messages: string[] = [];
  private readonly waiters: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(url: string, token: string): Promise<RawSocket> {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    const socket = new RawSocket(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
    );
    await socket.until((m) => m.some((x) => x.includes('connection_ack')));
    return socket;
  }

  subscribe(id: string, query: string, variables: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  complete(id: string): void {
    this.ws.send(JSON.stringify({ id, type: 'complete' }));
  }

  /** The `next` messages so far for one operation id. */
  nexts(id: string): string[] {
    return this.messages.filter((m) => m.startsWith(`{"id":${JSON.stringify(id)},"type":"next"`));
  }

  async until(ready: (messages: string[]) => boolean): Promise<void> {
    while (!ready(this.messages)) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

let t: TestApp;
let viewer: TestPerson;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
});
afterAll(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await t.dispose();
});

async function open(n: number, token = viewer.token): Promise<RawSocket[]> {
  const opened = await Promise.all(Array.from({ length: n }, () => RawSocket.open(t.wsUrl, token)));
  sockets.push(...opened);
  return opened;
}

const payloadOf = (message: string, id: string): string => {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  expect(message.startsWith(prefix) && message.endsWith('}')).toBe(true);
  return message.slice(prefix.length, -1);
};

describe('shared checklist status fan-out', () => {
  it('runs one execution and the same SQL per change for 1 or 40 subscribers, and each gets the same bytes as the unshared path', async () => {
    const launch = await buildLaunch(t);
    const task = await buildTask(t, launch, { required: true });
    const [lone] = await open(1);
    lone.subscribe('lone', STATUS, { launchId: launch.id });
    await lone.until(() => lone.nexts('lone').length === 1);

    // One change with one subscriber: the statements of the mutation and its fan-out.
    const change = async (status: string, everyone: Array<[RawSocket, string, number]>) => {
      const statements = t.app.queries.count;
      const executions = t.app.server.subscriptions.executions;
      const res = await t.gql(UPDATE, { input: { id: task.id, status } }, launch.pm.token);
      expect(res.errors).toBeUndefined();
      await Promise.all(
        everyone.map(([s, id, count]) => s.until(() => s.nexts(id).length === count)),
      );
      return {
        statements: t.app.queries.count - statements,
        executions: t.app.server.subscriptions.executions - executions,
      };
    };
    const one = await change('IN_PROGRESS', [[lone, 'lone', 2]]);
    expect(one.executions).toBe(1);

    const parses = t.app.server.documents.parses;
    const many = await open(40);
    many.forEach((s, i) => s.subscribe(`s${i}`, STATUS, { launchId: launch.id }));
    const [unshared] = await open(1);
    unshared.subscribe('u', STATUS_UNSHARED, { launchId: launch.id });
    await Promise.all(many.map((s, i) => s.until(() => s.nexts(`s${i}`).length === 1)));
    await unshared.until(() => unshared.nexts('u').length === 1);
    // 40 subscriptions with the same text: parsed and validated once (the unshared one is another text).
    expect(t.app.server.documents.parses - parses).toBeLessThanOrEqual(2);

    const forty = await change('TODO', [
      [lone, 'lone', 3],
      ...many.map((s, i): [RawSocket, string, number] => [s, `s${i}`, 2]),
      [unshared, 'u', 2],
    ]);
    // The 41 shared subscribers: one execution. The unshared one runs graphql-js's own path,
    // with no SQL of its own either: the status is read once per change for the instance.
    expect(forty.executions).toBe(1);
    expect(forty.statements).toBe(one.statements);

    const expected = payloadOf(unshared.nexts('u')[1], 'u');
    expect(JSON.parse(expected).data.checklistStatusChanged.revision).toBeGreaterThan(0);
    expect(payloadOf(lone.nexts('lone')[2], 'lone')).toBe(expected);
    many.forEach((s, i) => expect(payloadOf(s.nexts(`s${i}`)[1], `s${i}`)).toBe(expected));
    // A late joiner gets the current status at once, with no SQL and no execution.
    const before = {
      sql: t.app.queries.count,
      executions: t.app.server.subscriptions.executions,
    };
    const [late] = await open(1);
    late.subscribe('late', STATUS, { launchId: launch.id });
    await late.until(() => late.nexts('late').length === 1);
    expect(payloadOf(late.nexts('late')[0], 'late')).toBe(expected);
    expect(t.app.server.subscriptions.executions).toBe(before.executions);
    // (opening the socket authenticates the token: one statement; every operation checks the
    // token again (issue 10): one; subscribing checks the launch: one)
    expect(t.app.queries.count - before.sql).toBe(3);
  });

  it('groups by document, variables and access scope; a completed subscriber gets nothing more and the last one leaves no group behind', async () => {
    const launch = await buildLaunch(t);
    const other = await buildLaunch(t);
    const task = await buildTask(t, launch);
    const member = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'SALES' });
    const groupsBefore = t.app.server.subscriptions.groups.size;
    const [a, b] = await open(2);
    const [c] = await open(1, member.token);
    a.subscribe('full', STATUS, { launchId: launch.id });
    a.subscribe('short', STATUS_SHORT, { launchId: launch.id });
    a.subscribe('other', STATUS, { launchId: other.id });
    b.subscribe('full', STATUS, { launchId: launch.id });
    c.subscribe('full', STATUS, { launchId: launch.id });
    await a.until(() => ['full', 'short', 'other'].every((id) => a.nexts(id).length === 1));
    await b.until(() => b.nexts('full').length === 1);
    await c.until(() => c.nexts('full').length === 1);
    // full (VIEWER), short, other launch, full (MEMBER)
    expect(t.app.server.subscriptions.groups.size - groupsBefore).toBe(4);
    expect(JSON.parse(payloadOf(a.nexts('short')[0], 'short'))).toEqual({
      data: { checklistStatusChanged: { revision: expect.any(Number) } },
    });

    b.complete('full');
    const executions = t.app.server.subscriptions.executions;
    const res = await t.gql(UPDATE, { input: { id: task.id, status: 'DONE' } }, launch.pm.token);
    expect(res.errors).toBeUndefined();
    await a.until(() => a.nexts('full').length === 2 && a.nexts('short').length === 2);
    await c.until(() => c.nexts('full').length === 2);
    // the changed launch's three groups executed; the other launch's did not
    expect(t.app.server.subscriptions.executions - executions).toBe(3);
    expect(a.nexts('other')).toHaveLength(1);
    expect(b.nexts('full')).toHaveLength(1);

    await Promise.all([a.close(), b.close(), c.close()]);
    while (t.app.server.subscriptions.groups.size > groupsBefore)
      await new Promise((resolve) => setImmediate(resolve));
    expect(t.app.server.subscriptions.groups.size).toBe(groupsBefore);
  });

  it('answers an unknown launch with NOT_FOUND, as graphql-js does, and opens no group', async () => {
    const groups = t.app.server.subscriptions.groups.size;
    const [s] = await open(1);
    const missing = Buffer.from('Launch:00000000-0000-4000-8000-000000000000').toString(
      'base64url',
    );
    s.subscribe('x', STATUS, { launchId: missing });
    await s.until((m) => m.some((x) => x.startsWith('{"id":"x","type":"complete"')));
    const next = JSON.parse(s.nexts('x')[0]);
    expect(next.payload.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(t.app.server.subscriptions.groups.size).toBe(groups);
  });
});
