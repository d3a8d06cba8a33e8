import { createHash } from 'node:crypto';
import { loadConfig } from '../src/core/config';
import { contractOperations, contractText } from './support/contract';
import { ok } from './support/helpers';
import { post, postRaw } from './support/http';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';
import { subscribe, wsClient, wsQuery } from './support/ws';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const people = contractText('people.graphql');
const checklist = contractText('checklist.graphql');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUSTED_DOCUMENTS: 'contract' });
});
afterAll(() => t.dispose());

function expectRefused(body: { data?: unknown; errors?: any[] }) {
  expect(body.data ?? null).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
}

describe('trusted documents', () => {
  it('are off by default', () => {
    expect(loadConfig({}).trustedDocuments).toBe('off');
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'contract' }).trustedDocuments).toBe('contract');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'all' })).toThrow(/TRUSTED_DOCUMENTS/);
  });

  it('run a contract query and a contract mutation sent as the exact text of their file', async () => {
    const templates = ok(await t.gql(checklist, {}, ADMIN_TOKEN, 'ChecklistTemplates'));
    expect(templates.checklistTemplates.map((c: { tier: string }) => c.tier)).toEqual([
      'TIER_1',
      'TIER_2',
      'TIER_3',
    ]);
    const created = ok(
      await t.gql(
        people,
        { input: { name: 'Trusted', email: 'trusted@example.com', discipline: 'SALES' } },
        ADMIN_TOKEN,
        'CreatePerson',
      ),
    );
    expect(created.createPerson.person.name).toBe('Trusted');
  });

  it('run a contract operation sent by its SHA-256 alone', async () => {
    const res = await postRaw(
      t,
      JSON.stringify({
        operationName: 'ChecklistTemplates',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(checklist) } },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.checklistTemplates).toHaveLength(3);
  });

  it.each([
    ['an ad-hoc query', '{ __typename }'],
    ['introspection', '{ __schema { queryType { name } } }'],
    ['a contract file with one character changed', `${people} `],
    [
      'a contract operation on its own, out of its file',
      'query ChecklistTemplates { checklistTemplates { tier } }',
    ],
  ])('refuse %s with PERSISTED_QUERY_NOT_FOUND, before any SQL', async (_, query) => {
    const before = t.app.queries.count;
    const res = await post(t, query);
    expect(res.status).toBe(200);
    expectRefused(res.body);
    expect(t.app.queries.count).toBe(before);
  });

  it('refuse an unknown hash, and a GET of an ad-hoc query', async () => {
    const unknown = await postRaw(
      t,
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('x') } } }),
    );
    expectRefused(unknown.body);
    const get = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'apollo-require-preflight': 'true' },
    });
    expectRefused((await get.json()) as { errors?: any[] });
  });

  it('hold over graphql-ws: a contract subscription runs, anything else is refused', async () => {
    // Only contract operations run here, so the person and the token come from them too.
    const person = ok(
      await t.gql(
        people,
        {
          input: {
            name: 'Viewer',
            email: 'ws-viewer@example.com',
            discipline: 'SALES',
            accessLevel: 'VIEWER',
          },
        },
        ADMIN_TOKEN,
        'CreatePerson',
      ),
    ).createPerson.person;
    const token = ok(
      await t.gql(
        people,
        { input: { personId: person.id, label: 'ws' } },
        ADMIN_TOKEN,
        'CreateApiToken',
      ),
    ).createApiToken.token as string;
    const { client } = wsClient(t.wsUrl, token);
    try {
      expectRefused(await wsQuery(client, '{ __typename }'));
      const me = await new Promise<any>((resolve, reject) => {
        client.subscribe(
          { query: people, operationName: 'Me' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(me.data.me.id).toBe(person.id);
      const launches = ok(
        await t.gql(contractText('launches.graphql'), { first: 1 }, ADMIN_TOKEN, 'LaunchBoard'),
      );
      expect(launches.launches.edges).toEqual([]);
      // No launch exists: the contract's subscription is accepted and answers NOT_FOUND.
      const sub = subscribe(
        client,
        checklist,
        {
          launchId: Buffer.from('Launch:00000000-0000-4000-8000-000000000000').toString(
            'base64url',
          ),
        },
        'ChecklistStatusChanged',
      );
      const errors = await sub.error;
      expect(errors[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
    }
  });

  it('let every query and mutation of the contract through (by text and by hash)', async () => {
    const operations = [...contractOperations('query'), ...contractOperations('mutation')];
    expect(operations.length).toBeGreaterThan(30);
    for (const operation of operations) {
      // No variables: what answers is the operation itself (data, or its own input errors).
      const byText = await t.gql(operation.text, {}, ADMIN_TOKEN, operation.name);
      const byHash = await postRaw(
        t,
        JSON.stringify({
          operationName: operation.name,
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256(operation.text) } },
        }),
      );
      for (const body of [byText, byHash.body as typeof byText]) {
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        expect({ operation: operation.name, codes }).toEqual({
          operation: operation.name,
          codes: codes.filter((code) => code !== 'PERSISTED_QUERY_NOT_FOUND'),
        });
      }
    }
  });
});
