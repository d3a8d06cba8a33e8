import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { buildLaunch, buildTask } from './support/factories';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';

const SHARED = path.join(__dirname, '../../shared/contract');

/** One operation of a shared contract file with the fragments it spreads. */
function operation(file: string, name: string): DocumentNode {
  const doc = parse(readFileSync(path.join(SHARED, file), 'utf8'));
  const byName = new Map<string, DefinitionNode>();
  for (const d of doc.definitions) {
    if ((d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) && d.name) {
      byName.set(d.name.value, d);
    }
  }
  const wanted = [byName.get(name)!];
  for (let i = 0; i < wanted.length; i += 1) {
    for (const match of print(wanted[i]).matchAll(/\.\.\.(\w+)/g)) {
      const fragment = byName.get(match[1]);
      if (fragment && !wanted.includes(fragment)) wanted.push(fragment);
    }
  }
  return { kind: Kind.DOCUMENT, definitions: wanted };
}

// Apollo Client's normalised cache keeps the board current from the subscription alone:
// ChecklistStatus has an id, so a pushed status replaces the cached board entry in place.
describe('a client cache (Apollo Client InMemoryCache)', () => {
  let t: TestApp;
  let ws: Client;
  let client: ApolloClient;
  let httpRequests = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ws = createClient({
      url: t.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      retryAttempts: 0,
    });
    const http = new HttpLink({
      uri: t.url,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      fetch: (input, init) => {
        httpRequests += 1;
        return fetch(input, init);
      },
    });
    client = new ApolloClient({
      cache: new InMemoryCache(),
      link: ApolloLink.split(
        ({ query }) => {
          const main = getMainDefinition(query);
          return main.kind === Kind.OPERATION_DEFINITION && main.operation === 'subscription';
        },
        new GraphQLWsLink(ws),
        http,
      ),
    });
  });

  afterAll(async () => {
    client.stop();
    await ws.dispose();
    await t.dispose();
  });

  it('updates the cached board entry from the pushed status, without a refetch', async () => {
    const launch = await buildLaunch(t, { name: 'Cached launch' });
    const task = await buildTask(t, launch);
    await buildTask(t, launch);
    const board = operation('launches.graphql', 'LaunchBoard');
    const first = await client.query({ query: board, variables: { first: 50 } });
    const entry = (first.data as any).launches.edges.find((e: any) => e.node.id === launch.id).node;
    expect(entry.checklistStatus).toMatchObject({ closedCount: 0, totalCount: 2 });
    const cacheId = client.cache.identify(entry.checklistStatus);
    expect(cacheId).toBe(`ChecklistStatus:${entry.checklistStatus.id}`);

    const pushed: any[] = [];
    const subscription = client
      .subscribe({
        query: operation('checklist.graphql', 'ChecklistStatusChanged'),
        variables: { launchId: launch.id },
      })
      .subscribe({ next: (result) => pushed.push(result.data) });
    try {
      await waitUntil(() => pushed.length >= 1);
      const before = httpRequests;
      const res = await t.gql(
        `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }`,
        { input: { id: task.id, expectedVersion: task.version, status: 'DONE' } },
      );
      expect(res.errors).toBeUndefined();
      await waitUntil(() => pushed.some((p) => p.checklistStatusChanged.closedCount === 1));

      const cached = client.readQuery<any>({ query: board, variables: { first: 50 } });
      const node = cached.launches.edges.find((e: any) => e.node.id === launch.id).node;
      expect(node.checklistStatus).toMatchObject({ closedCount: 1, percentComplete: 50 });
      const again = await client.query({
        query: board,
        variables: { first: 50 },
        fetchPolicy: 'cache-only',
      });
      expect(
        (again.data as any).launches.edges.find((e: any) => e.node.id === launch.id).node
          .checklistStatus.closedCount,
      ).toBe(1);
      expect(httpRequests).toBe(before);
    } finally {
      subscription.unsubscribe();
    }
  }, 30_000);
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(condition()).toBe(true);
}
