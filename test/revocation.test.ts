import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { toGlobalId } from '../src/core/graphql/global-id';
import { buildLaunch, buildPerson, type TestPerson } from './support/factories';
import { post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { subscribe } from './support/ws';

const STATUS = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) { revision } }`;
const REVOKE = `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id revokedAt } } }`;

interface Socket {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
  /** performance.now() when the close arrived. */
  closedAt(): number;
}

/** Most a revocation may take to reach an open socket (the figure). */
const WITHIN_MS = 1000;

let t: TestApp;
let other: TestApp;
const leftovers: Array<() => Promise<void>> = [];

function connect(app: TestApp, token: string): Socket {
  let done: (value: { code: number; reason: string }) => void = () => undefined;
  let at = Number.NaN;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    done = resolve;
  });
  const client = createClient({
    url: app.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}` },
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        at = performance.now();
        done({ code, reason });
      },
    },
    onNonLazyError: () => undefined,
  });
  leftovers.push(async () => {
    await client.dispose();
  });
  return { client, closed, closedAt: () => at };
}

/** How long after `since` the sockets were closed, logged for the README and the report. */
function delays(what: string, since: number, sockets: Socket[]): number[] {
  const ms = sockets.map((s) => Math.round(s.closedAt() - since));
  console.log(`${what}: sockets closed ${ms.join(' ms, ')} ms after it (this instance, another)`);
  return ms;
}

/** A socket with a live subscription that has received its first message. */
async function watching(app: TestApp, person: TestPerson, launchId: string): Promise<Socket> {
  const socket = connect(app, person.token);
  const sub = subscribe(socket.client, STATUS, { launchId });
  await sub.next();
  return socket;
}

async function tokenIdOf(person: TestPerson): Promise<string> {
  const rows = await t.sql(
    `SELECT t.id FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE p.email = $1`,
    [person.email],
  );
  return toGlobalId('ApiToken', rows[0].id);
}

beforeAll(async () => {
  t = await startTestApp();
  other = await startTestApp({ DATABASE_URL: t.databaseUrl });
});
afterAll(async () => {
  for (const dispose of leftovers.splice(0)) await dispose();
  await other.dispose();
  await t.dispose();
});

describe('revoking a token', () => {
  it('closes its open sockets with 4403 on this instance and on another one', async () => {
    const launch = await buildLaunch(t);
    const person = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const here = await watching(t, person, launch.id);
    const there = await watching(other, person, launch.id);
    const bystander = await watching(other, launch.pm, launch.id);
    const input = { id: await tokenIdOf(person) };
    const sent = performance.now();
    const res = await t.gql(REVOKE, { input });
    expect(res.data!.revokeApiToken.apiToken.revokedAt).toBeTruthy();
    expect(await here.closed).toEqual({ code: 4403, reason: 'API token revoked' });
    expect(await there.closed).toEqual({ code: 4403, reason: 'API token revoked' });
    // From sending the mutation (its own time included) to the close frame.
    for (const ms of delays('revokeApiToken', sent, [here, there])) {
      expect(ms).toBeLessThan(WITHIN_MS);
    }
    // Another person's socket on the same launch stays open and answers.
    const me = await new Promise<unknown>((resolve, reject) => {
      bystander.client.subscribe(
        { query: '{ me { id } }' },
        { next: (v) => resolve(v.data), error: reject, complete: () => undefined },
      );
    });
    expect(me).toEqual({ me: { id: launch.pm.id } });
  });
});

describe("lowering a person's access", () => {
  it('closes their sockets with 4403 on every instance; raising it closes nothing', async () => {
    const launch = await buildLaunch(t);
    const person = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'SALES' });
    const here = await watching(t, person, launch.id);
    const there = await watching(other, person, launch.id);
    const sent = performance.now();
    await t.sql(
      `UPDATE people SET access_level = 'VIEWER' WHERE id = (
      SELECT person_id FROM api_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex'))`,
      [person.token],
    );
    expect(await here.closed).toEqual({ code: 4403, reason: 'Access level lowered' });
    expect(await there.closed).toEqual({ code: 4403, reason: 'Access level lowered' });
    for (const ms of delays('access lowered to VIEWER', sent, [here, there])) {
      expect(ms).toBeLessThan(WITHIN_MS);
    }

    const raised = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const socket = await watching(t, raised, launch.id);
    await t.sql(`UPDATE people SET access_level = 'MEMBER' WHERE email = $1`, [raised.email]);
    // The socket still serves: an operation started after the change answers as a MEMBER.
    const answer = await new Promise<any>((resolve) => {
      socket.client.subscribe(
        { query: '{ me { accessLevel } }' },
        { next: (v) => resolve(v), error: resolve, complete: () => undefined },
      );
    });
    expect(answer.data).toEqual({ me: { accessLevel: 'MEMBER' } });
  });
});

describe('every operation on a socket', () => {
  it('checks the token again: a token that stopped working closes the socket at its next operation', async () => {
    const launch = await buildLaunch(t);
    const person = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'SALES' });
    const socket = await watching(t, person, launch.id);
    // Change the stored hash behind the server's back (no trigger fires for this column).
    await t.sql(
      `UPDATE api_tokens SET token_hash = md5(token_hash) WHERE person_id = (
      SELECT id FROM people WHERE email = $1)`,
      [person.email],
    );
    const before = await t.sql('SELECT version FROM launches WHERE name = $1', [launch.name]);
    const errors = await new Promise<any>((resolve) => {
      socket.client.subscribe(
        {
          query: `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id } } }`,
          variables: { input: { id: launch.id, name: 'Renamed on a dead token' } },
        },
        { next: () => resolve(null), error: resolve, complete: () => undefined },
      );
    });
    expect(errors).toBeTruthy();
    expect((await socket.closed).code).toBe(4403);
    expect(await t.sql('SELECT version FROM launches WHERE name = $1', [launch.name])).toEqual(
      before,
    );
  });
});

describe('socket limits and budgets', () => {
  let small: TestApp;
  let budgeted: TestApp;
  let second: TestApp;
  const budget = { QUERY_MAX_COST: '10', RATE_LIMIT_COST_PER_MINUTE: '40' };
  beforeAll(async () => {
    small = await startTestApp({
      WS_MAX_SUBSCRIPTIONS: '2',
      WS_MAX_SOCKETS_PER_TOKEN: '2',
      MAX_BODY_BYTES: '20000',
    });
    budgeted = await startTestApp(budget);
    second = await startTestApp({ ...budget, DATABASE_URL: budgeted.databaseUrl });
  });
  afterAll(async () => {
    for (const dispose of leftovers.splice(0)) await dispose();
    await second.dispose();
    await budgeted.dispose();
    await small.dispose();
  });

  it('closes a socket with 4429 when it asks for more operations than allowed', async () => {
    const person = await buildPerson(small, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const launch = await buildLaunch(small);
    const socket = connect(small, person.token);
    for (let i = 0; i < 2; i += 1)
      await subscribe(socket.client, STATUS, { launchId: launch.id }).next();
    subscribe(socket.client, STATUS, { launchId: launch.id });
    expect(await socket.closed).toEqual({
      code: 4429,
      reason: 'Too many operations on this socket (at most 2)',
    });
  });

  it('closes the socket over the per-token limit with 4429', async () => {
    const person = await buildPerson(small, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const launch = await buildLaunch(small);
    await watching(small, person, launch.id);
    await watching(small, person, launch.id);
    const third = connect(small, person.token);
    expect(await third.closed).toEqual({
      code: 4429,
      reason: 'Too many sockets for this token (at most 2)',
    });
  });

  it('closes a socket that sends a frame larger than the HTTP body limit (1009)', async () => {
    const person = await buildPerson(small, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const socket = connect(small, person.token);
    socket.client.subscribe(
      { query: `{ me { id } }`, variables: { pad: 'x'.repeat(30_000) } },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    expect((await socket.closed).code).toBe(1009);
  });

  it('shares one budget per token between HTTP, sockets and instances: 429 RATE_LIMITED beyond', async () => {
    const person = await buildPerson(budgeted, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const query = `{ checklistTemplates { tier } }`; // costs 1, fully used
    /** Spends the budget from both instances until refused; the accepted ones of that window. */
    const exhaust = async () => {
      const accepted: number[] = [];
      // 100 tries: if the minute turns over midway, the new window still ends in a refusal.
      for (let i = 0; i < 100; i += 1) {
        const res = await post(i % 2 ? second : budgeted, query, {}, { token: person.token });
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        if (res.status === 429)
          return { refused: res, accepted: accepted.filter((r) => r === reset) };
        expect(res.status).toBe(200);
        expect(res.body.extensions.cost).toMatchObject({ requested: 1, actual: 1 });
        accepted.push(reset);
      }
      throw new Error('never refused');
    };
    const { refused, accepted } = await exhaust();
    expect(accepted).toHaveLength(40);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 40 });
    expect(refused.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBe(
      refused.body.errors[0].extensions.retryAfter,
    );
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');

    // The same token's socket draws on the same budget (retried once if the minute turns over).
    const onSocket = connect(second, person.token);
    let error: any = null;
    for (let attempt = 0; attempt < 2 && !Array.isArray(error); attempt += 1) {
      if (attempt > 0) await exhaust();
      error = await new Promise<any>((resolve) => {
        onSocket.client.subscribe(
          { query },
          { next: (v) => resolve(v), error: resolve, complete: () => undefined },
        );
      });
    }
    expect(error[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('charges concurrent requests of one token together, and still accepts exactly the budget', async () => {
    const person = await buildPerson(budgeted, { accessLevel: 'VIEWER', discipline: 'SALES' });
    const query = `{ checklistTemplates { tier } }`; // costs 1, fully used
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        post(i % 2 ? second : budgeted, query, {}, { token: person.token }),
      ),
    );
    const answers = burst.map((res) => ({
      status: res.status,
      reset: Number(res.headers.get('x-ratelimit-reset')),
      remaining: Number(res.headers.get('x-ratelimit-remaining')),
    }));
    // Per one-minute window (the burst may straddle two): at most 40, exactly 40 where any was refused.
    for (const reset of new Set(answers.map((a) => a.reset))) {
      const inWindow = answers.filter((a) => a.reset === reset);
      const accepted = inWindow.filter((a) => a.status === 200);
      expect(accepted.length).toBe(inWindow.some((a) => a.status === 429) ? 40 : accepted.length);
      expect(accepted.length).toBeLessThanOrEqual(40);
      // Each accepted answer was told a different remaining figure: 39, 38, ... down to 0.
      expect(new Set(accepted.map((a) => a.remaining)).size).toBe(accepted.length);
    }
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
  });
});
