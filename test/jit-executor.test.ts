import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { contractText, operationRunner, operationSubscriber } from './support/contract';
import { CONTRACT_SCENARIOS } from './support/contract-scenarios';
import { ADMIN_TOKEN, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';
interface Raw {
  status: number;
  text: string;
}

async function post(
  t: TestApp,
  body: { query: string; variables: Record<string, unknown>; operationName?: string },
  token: string | null,
): Promise<Raw> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

/** The budget's figures move with every request (the same query is sent twice). */
function withoutBudgetFigures(text: string): string {
  return text.replace(/"(remaining|resetAt)":\d+/g, '"$1":0');
}

interface Comparison {
  queries: number;
  /** Of those, answered by a compiled query (compiled then, or reused). */
  compiledRuns: number;
  /** Of those, answered by graphql-js (variables it refuses). */
  fallbacks: number;
  differences: Array<{ operationName?: string; graphqlJs: Raw; jit: Raw }>;
}

/**
 * A TestApp whose every query is sent twice, graphql-js then graphql-jit, one
 * request at a time (the executor's switch is the process's): the scenario
 * goes on with graphql-jit's answer, every difference is kept.
 */
function comparing(t: TestApp, seen: Comparison): TestApp {
  const executor = t.app.server.executor;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    ...t,
    gql: (query, variables = {}, token = ADMIN_TOKEN, operationName) =>
      serially(async () => {
        const body = { query, variables, operationName };
        let isQuery = false;
        try {
          isQuery = getOperationAST(parse(query), operationName)?.operation === 'query';
        } catch {
          isQuery = false;
        }
        let raw: Raw;
        if (isQuery) {
          seen.queries++;
          executor.enabled = false;
          const graphqlJs = await post(t, body, token);
          executor.enabled = true;
          const { compiled, reused, fallback } = executor.stats;
          raw = await post(t, body, token);
          seen.compiledRuns += executor.stats.compiled - compiled + executor.stats.reused - reused;
          seen.fallbacks += executor.stats.fallback - fallback;
          if (
            raw.status !== graphqlJs.status ||
            withoutBudgetFigures(raw.text) !== withoutBudgetFigures(graphqlJs.text)
          )
            seen.differences.push({ operationName, graphqlJs, jit: raw });
        } else raw = await post(t, body, token);
        return { ...(JSON.parse(raw.text) as GraphQLResponse), status: raw.status } as never;
      }),
  };
}

describe('graphql-jit runs the queries, byte for byte as graphql-js', () => {
  it.each(Object.keys(CONTRACT_SCENARIOS))(
    '%s: every query its scenario sends answers the same bytes both ways',
    async (file) => {
      const t = await startTestApp();
      try {
        const seen: Comparison = { queries: 0, compiledRuns: 0, fallbacks: 0, differences: [] };
        const c = comparing(t, seen);
        // Every query compiled at its first request here, so that every one is compared.
        t.app.server.executor.runsBeforeCompiling = 0;
        const stats = t.app.server.executor.stats;
        const before = { ...stats };
        await CONTRACT_SCENARIOS[file]({
          t: c,
          run: operationRunner(c, file),
          subscribe: operationSubscriber(c, file),
        });
        expect(seen.differences).toEqual([]);
        expect(seen.queries).toBeGreaterThan(0);
        // Compiled once per document and operation, then reused; graphql-js only for the
        // queries whose variables it refuses (those refused before execution reach neither).
        expect(stats.compiled - before.compiled).toBeGreaterThan(0);
        expect(seen.compiledRuns + seen.fallbacks).toBeLessThanOrEqual(seen.queries);
        expect(seen.compiledRuns).toBeGreaterThan(seen.fallbacks);
      } finally {
        await t.dispose();
      }
    },
  );

  it('runs a query’s first request with graphql-js, compiles it at the second, reuses it after; mutations stay with graphql-js', async () => {
    const t = await startTestApp();
    try {
      const text = contractText('people.graphql');
      const stats = t.app.server.executor.stats;
      const before = { ...stats };
      const me = () => t.gql(text, {}, ADMIN_TOKEN, 'Me');
      const first = await me();
      expect(stats.fallback - before.fallback).toBe(1);
      expect(stats.compiled - before.compiled).toBe(0);
      const second = await me();
      const third = await me();
      for (const answer of [second, third]) {
        expect(withoutBudgetFigures(JSON.stringify(answer))).toBe(
          withoutBudgetFigures(JSON.stringify(first)),
        );
      }
      expect(stats.compiled - before.compiled).toBe(1);
      expect(stats.reused - before.reused).toBe(1);
      expect(stats.fallback - before.fallback).toBe(1);

      const created = await t.gql(
        text,
        { input: { name: 'Ada', email: 'ada@example.com', discipline: 'ENGINEERING' } },
        ADMIN_TOKEN,
        'CreatePerson',
      );
      expect(created.errors).toBeUndefined();
      expect(stats.fallback - before.fallback).toBe(2);
      expect(stats.compiled - before.compiled).toBe(1);
    } finally {
      await t.dispose();
    }
  });

  it('answers introspection and field errors with the same bytes', async () => {
    const t = await startTestApp();
    try {
      const executor = t.app.server.executor;
      executor.runsBeforeCompiling = 0;
      const bothWays = async (query: string, variables: Record<string, unknown> = {}) => {
        executor.enabled = false;
        const graphqlJs = await post(t, { query, variables }, ADMIN_TOKEN);
        executor.enabled = true;
        const jit = await post(t, { query, variables }, ADMIN_TOKEN);
        expect(withoutBudgetFigures(jit.text)).toBe(withoutBudgetFigures(graphqlJs.text));
        expect(jit.status).toBe(graphqlJs.status);
        return JSON.parse(jit.text) as GraphQLResponse;
      };
      const before = executor.stats.compiled;
      const schema = await bothWays(getIntrospectionQuery());
      expect(schema.data?.__schema.types.length).toBeGreaterThan(50);
      // A node that does not exist, and one that is not a launch: errors with paths.
      const missing = await bothWays('query ($id: ID!) { node(id: $id) { id } }', {
        id: 'nothing',
      });
      expect(missing.errors ?? missing.data).toBeDefined();
      const launch = await bothWays(
        'query ($id: ID!) { launch(id: $id) { id name } b: launch(id: "x") { id } }',
        { id: 'TGF1bmNoOjA=' },
      );
      expect(launch.errors ?? launch.data).toBeDefined();
      expect(executor.stats.compiled - before).toBe(3);
    } finally {
      await t.dispose();
    }
  });

  it('answers a variables error with graphql-js’s words', async () => {
    const t = await startTestApp();
    try {
      const text = contractText('launches.graphql');
      const body = { query: text, variables: { first: 'ten' }, operationName: 'LaunchBoard' };
      const executor = t.app.server.executor;
      executor.enabled = false;
      const graphqlJs = await post(t, body, ADMIN_TOKEN);
      executor.enabled = true;
      const jit = await post(t, body, ADMIN_TOKEN);
      expect(jit).toEqual(graphqlJs);
      expect(JSON.parse(jit.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await t.dispose();
    }
  });
});
