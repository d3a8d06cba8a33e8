import { createHash } from 'node:crypto';
import { globalId } from './support/helpers';
import { buildPerson, type TestPerson } from './support/factories';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';
import { wsClient, wsQuery } from './support/ws';

const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id name email } } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`;
const REVOKE_TOKEN = `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id revokedAt } } }`;
const PEOPLE = `query($first: Int, $after: String, $filter: PersonFilter) {
  people(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name email discipline } } } }`;

let t: TestApp;
let member: TestPerson;
let viewer: TestPerson;

beforeAll(async () => {
  t = await startTestApp();
  member = await buildPerson(t, { name: 'Avery Member', discipline: 'PM', accessLevel: 'MEMBER' });
  viewer = await buildPerson(t, { name: 'Vic Viewer', discipline: 'SALES', accessLevel: 'VIEWER' });
});
afterAll(() => t.dispose());

async function count(table: string): Promise<number> {
  const rows = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

describe('identity', () => {
  it('answers me with the person behind the token', async () => {
    const res = await t.gql(`{ me { id name discipline accessLevel } }`, {}, member.token);
    expect(res.data!.me).toEqual({
      id: member.id,
      name: 'Avery Member',
      discipline: 'PM',
      accessLevel: 'MEMBER',
    });
  });

  it('answers me with null for the bootstrap ADMIN_TOKEN', async () => {
    const res = await t.gql(`{ me { id } }`, {}, ADMIN_TOKEN);
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toBeNull();
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'lp_not-a-real-token'],
  ])('refuses %s with UNAUTHENTICATED and HTTP 401', async (_label, token) => {
    const res = await t.gql(`{ me { id } }`, {}, token);
    expect(res.status).toBe(401);
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('stores only the SHA-256 hash of a token', async () => {
    // A person of its own: other tests mint more tokens for the shared member.
    const member = await buildPerson(t, { discipline: 'PM' });
    const rows = await t.sql<{ token_hash: string }>(
      `SELECT token_hash FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE p.email = $1`,
      [member.email],
    );
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(member.token).digest('hex') }]);
    const dump = await t.sql(`SELECT row_to_json(t)::text AS j FROM api_tokens t`);
    expect(dump.some((r) => String(r.j).includes(member.token))).toBe(false);
  });
});

describe('people list', () => {
  beforeAll(async () => {
    for (const name of ['Zoe Quinn', 'Yan Li', 'Xavier Diaz', 'Wen Zhao', 'Uma Patel']) {
      await buildPerson(t, {
        name,
        discipline: 'DESIGN',
        email: `${name.split(' ')[0].toLowerCase()}@Design.example`,
      });
    }
  });

  it('pages with keyset cursors without skipping or repeating anyone, even when rows are inserted', async () => {
    const total = (await t.gql(PEOPLE, { first: 100 })).data!.people.totalCount;
    const seen: string[] = [];
    let after: string | null = null;
    let inserted = false;
    for (;;) {
      const res: any = await t.gql(PEOPLE, { first: 2, after });
      seen.push(...res.data.people.edges.map((e: any) => e.node.name));
      if (!inserted) {
        inserted = true;
        await buildPerson(t, { name: 'Aaron Early' }); // sorts before the cursor: must not appear
      }
      if (!res.data.people.pageInfo.hasNextPage) break;
      after = res.data.people.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen]).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by discipline and searches name and email regardless of case', async () => {
    const byDiscipline = await t.gql(PEOPLE, { filter: { discipline: ['DESIGN'] } });
    expect(byDiscipline.data!.people.totalCount).toBe(5);
    expect(byDiscipline.data!.people.edges.map((e: any) => e.node.name)).toEqual([
      'Uma Patel',
      'Wen Zhao',
      'Xavier Diaz',
      'Yan Li',
      'Zoe Quinn',
    ]);
    const byEmail = await t.gql(PEOPLE, { filter: { search: 'DESIGN.EXAMPLE' } });
    expect(byEmail.data!.people.totalCount).toBe(5);
    const byName = await t.gql(PEOPLE, {
      filter: { search: 'zHaO', discipline: ['DESIGN', 'PM'] },
    });
    expect(byName.data!.people.edges.map((e: any) => e.node.name)).toEqual(['Wen Zhao']);
  });

  it.each([0, 101])('rejects first: %i on field first', async (first) => {
    const res = await t.gql(PEOPLE, { first });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it.each(['not a cursor!', 'bm90LWpzb24', Buffer.from('["only-one"]').toString('base64url')])(
    'rejects the malformed cursor %s on field after',
    async (after) => {
      const res = await t.gql(PEOPLE, { first: 2, after });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    },
  );
});

describe('createPerson', () => {
  // An email already in use, made here rather than borrowed from another test.
  let taken: TestPerson;
  beforeAll(async () => {
    taken = await buildPerson(t, { email: `taken-${Date.now()}@Example.com` });
  });

  it('creates a person with MEMBER access by default', async () => {
    const res = await t.gql(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { name email discipline accessLevel } } }`,
      {
        input: { name: '  Nia Brooks  ', email: 'nia@example.com', discipline: 'LEGAL' },
      },
    );
    expect(res.data!.createPerson.person).toEqual({
      name: 'Nia Brooks',
      email: 'nia@example.com',
      discipline: 'LEGAL',
      accessLevel: 'MEMBER',
    });
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['the same email in another case', () => ({ email: taken.email.toUpperCase() }), 'email'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a 201-character name', { name: 'x'.repeat(201) }, 'name'],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_label, overrideOf, field) => {
    const override = typeof overrideOf === 'function' ? overrideOf() : overrideOf;
    const before = await count('people');
    const res = await t.gql(CREATE_PERSON, {
      input: {
        name: 'Valid Name',
        email: `valid-${Date.now()}@example.com`,
        discipline: 'PM',
        ...override,
      },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count('people')).toBe(before);
  });

  it('accepts a name of exactly 200 characters', async () => {
    const res = await t.gql(CREATE_PERSON, {
      input: { name: 'y'.repeat(200), email: 'long@example.com', discipline: 'PM' },
    });
    expect(res.data!.createPerson.person.name).toHaveLength(200);
  });

  it.each([
    ['a MEMBER', () => member.token],
    ['a VIEWER', () => viewer.token],
  ])('is FORBIDDEN for %s and writes nothing', async (_label, token) => {
    const before = await count('people');
    const res = await t.gql(
      CREATE_PERSON,
      { input: { name: 'Nope', email: 'nope@example.com', discipline: 'PM' } },
      token(),
    );
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await count('people')).toBe(before);
  });
});

describe('API tokens', () => {
  it('lets a member mint a token for themself, shown once, which then works', async () => {
    const res = await t.gql(
      CREATE_TOKEN,
      { input: { personId: member.id, label: 'laptop' } },
      member.token,
    );
    const token = res.data!.createApiToken.token as string;
    expect(token).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    const me = await t.gql(`{ me { id } }`, {}, token);
    expect(me.data!.me.id).toBe(member.id);
  });

  it('forbids a member minting a token for someone else, and writes nothing', async () => {
    const before = await count('api_tokens');
    const res = await t.gql(
      CREATE_TOKEN,
      { input: { personId: viewer.id, label: 'sneaky' } },
      member.token,
    );
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await count('api_tokens')).toBe(before);
  });

  it('forbids a viewer minting a token, even for themself', async () => {
    const before = await count('api_tokens');
    const res = await t.gql(
      CREATE_TOKEN,
      { input: { personId: viewer.id, label: 'mine' } },
      viewer.token,
    );
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await count('api_tokens')).toBe(before);
  });

  it('lets an admin person mint a token for anyone', async () => {
    const admin = await buildPerson(t, { accessLevel: 'ADMIN', discipline: 'EXECUTIVE' });
    const res = await t.gql(
      CREATE_TOKEN,
      { input: { personId: viewer.id, label: 'for viewer' } },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    const me = await t.gql(`{ me { id } }`, {}, res.data!.createApiToken.token);
    expect(me.data!.me.id).toBe(viewer.id);
  });

  it.each([
    ['an unknown person id', globalId('Person', '00000000-0000-4000-8000-000000000999')],
    ['a malformed id', 'definitely-not-an-id'],
    ['an id of another type', globalId('ApiToken', '00000000-0000-4000-8000-000000000999')],
  ])('rejects %s on field personId and writes nothing', async (_label, personId) => {
    const before = await count('api_tokens');
    const res = await t.gql(CREATE_TOKEN, { input: { personId, label: 'x' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(await count('api_tokens')).toBe(before);
  });

  it('makes a revoked token fail at once, on HTTP and on a new WebSocket', async () => {
    const minted = await t.gql(
      CREATE_TOKEN,
      { input: { personId: member.id, label: 'to revoke' } },
      member.token,
    );
    const { token, apiToken } = minted.data!.createApiToken;
    const beforeWs = wsClient(t.wsUrl, token);
    expect((await wsQuery(beforeWs.client, '{ me { id } }')).data.me.id).toBe(member.id);
    await beforeWs.client.dispose();

    const revoked = await t.gql(REVOKE_TOKEN, { input: { id: apiToken.id } }, member.token);
    expect(revoked.data!.revokeApiToken.apiToken.revokedAt).toEqual(expect.any(String));

    const http = await t.gql(`{ me { id } }`, {}, token);
    expect(http.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const ws = wsClient(t.wsUrl, token);
    expect(await ws.closed).toBe(4403);
    await ws.client.dispose();
  });

  it('forbids a member revoking somebody else’s token', async () => {
    const other = await buildPerson(t);
    const ids = await t.sql<{ id: string }>(
      `SELECT t.id FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE p.email = $1`,
      [other.email],
    );
    const id = globalId('ApiToken', ids[0].id);
    const res = await t.gql(REVOKE_TOKEN, { input: { id } }, member.token);
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    const rows = await t.sql(`SELECT revoked_at FROM api_tokens WHERE id = $1`, [ids[0].id]);
    expect(rows[0].revoked_at).toBeNull();
  });

  it('answers NOT_FOUND for revoking a token that does not exist', async () => {
    const id = globalId('ApiToken', '00000000-0000-4000-8000-000000000999');
    const res = await t.gql(REVOKE_TOKEN, { input: { id } });
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('closes a WebSocket with 4403 for a wrong token and for no token', async () => {
    for (const token of ['lp_wrong', null]) {
      const ws = wsClient(t.wsUrl, token);
      expect(await ws.closed).toBe(4403);
      await ws.client.dispose();
    }
  });
});

describe('node', () => {
  it('resolves a person by global id', async () => {
    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { id __typename ... on Person { name } } }`,
      { id: member.id },
    );
    expect(res.data!.node).toEqual({ id: member.id, __typename: 'Person', name: 'Avery Member' });
  });

  it('answers null for a well-formed id of nothing', async () => {
    const id = globalId('Person', '00000000-0000-4000-8000-000000000999');
    const res = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.node).toBeNull();
  });

  it('rejects a malformed id on field id', async () => {
    const res = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: '%%%' });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('health', () => {
  it('answers /healthz and /readyz without a token', async () => {
    const base = t.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
