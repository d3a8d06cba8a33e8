import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  Lexer,
  parse,
  Source,
  specifiedRules,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { loadConfig } from '../src/core/config';
import { estimateCost, limitRules } from '../src/core/graphql/limits';
import { CONTRACT_DIR, contractText } from './support/contract';
import { post } from './support/http';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';
import { wsClient, wsQuery } from './support/ws';

const limits = loadConfig({}).limits;
const schema: GraphQLSchema = buildSchema(
  readFileSync(path.join(__dirname, '../schema/schema.graphql'), 'utf8'),
);
const files = readdirSync(CONTRACT_DIR).filter(
  (f) => f.endsWith('.graphql') && f !== 'inputs.graphql',
);

/** A value of the type that graphql-js coerces (the cost model only needs `first`). */
function sample(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [sample(t.ofType)];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields()))
      if (isNonNullType(f.type)) value[f.name] = sample(f.type);
    return value;
  }
  const scalars: Record<string, unknown> = {
    Int: 1,
    Float: 0.5,
    Boolean: true,
    Date: '2026-01-01',
  };
  return scalars[t.name] ?? (t.name === 'DateTime' ? '2026-01-01T00:00:00Z' : 'x');
}

function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== '<EOF>') n += 1;
  return n;
}

describe('limits leave room for every contract operation', () => {
  const operations = files.flatMap((file) =>
    parse(contractText(file))
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => [file, d.kind === Kind.OPERATION_DEFINITION ? d.name!.value : ''] as const),
  );

  it.each(operations)('%s %s costs at most a fifth of the limit at first: 100', (file, name) => {
    const document = parse(contractText(file));
    const operation = document.definitions.find(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
    );
    const variables: Record<string, unknown> = {};
    for (const v of operation?.kind === Kind.OPERATION_DEFINITION
      ? (operation.variableDefinitions ?? [])
      : []) {
      const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
      variables[v.variable.name.value] = /first/i.test(v.variable.name.value) ? 100 : sample(type);
    }
    const cost = estimateCost(schema, document, name, variables, limits);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThanOrEqual(limits.cost / 5);
  });

  it.each(files)('%s passes depth, alias and directive limits tighter by a quarter', (file) => {
    const tighter = {
      ...limits,
      depth: Math.floor(limits.depth * 0.75),
      aliases: Math.floor(limits.aliases * 0.75),
      directives: Math.floor(limits.directives * 0.75),
    };
    const errors = validate(schema, parse(contractText(file)), [
      ...specifiedRules,
      ...limitRules(tighter),
    ]);
    expect(errors.map((e) => e.message)).toEqual([]);
    // 372 at most (pricing.graphql): the token limit is kept low (README "Limits"), still 2.7× that.
    expect(tokenCount(contractText(file))).toBeLessThanOrEqual(limits.tokens / 2.5);
  });
});

/** 1 + 4 × hops + 1 levels: launch → tasks → edges → node → launch → … */
const deep = (hops: number) =>
  `{ launch(id: "x") { ${'tasks(first: 1) { edges { node { launch { '.repeat(hops)}id${' } } } }'.repeat(hops)} } }`;

describe('limits over HTTP and graphql-ws alike', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.dispose());

  const abusive: Array<[string, string, RegExp]> = [
    ['depth', deep(4), /Query depth limit of 12 exceeded, found 18/],
    [
      'aliases',
      `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
      /Aliases limit of 20 exceeded, found 25/,
    ],
    [
      'directives',
      `{ me { ${Array.from({ length: 11 }, (_, i) => `f${i}: id @include(if: true)`).join(' ')} } }`,
      /Directives limit of 10 exceeded, found 11/,
    ],
    [
      'cost',
      `{ launches(first: 100) { edges { node { tasks(first: 100) { edges { node { launch { tasks(first: 100) { totalCount } } } } } } } } }`,
      /Query cost limit of 5000 exceeded, found \d+/,
    ],
    ['tokens', `{ ${'me { id } '.repeat(600)} }`, /Document contains more that 1000 tokens/],
  ];

  it.each(abusive)(
    'refuses a query over the %s limit before any SQL, over HTTP',
    async (_, query, message) => {
      const before = t.app.queries.count;
      const res = await post(t, query);
      expect(res.status).toBe(200);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message).toMatch(message);
      expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(
        res.body.errors[0].extensions.code,
      );
      expect(t.app.queries.count).toBe(before);
    },
  );

  it.each(abusive)(
    'refuses a query over the %s limit before any SQL, over graphql-ws',
    async (_, query, message) => {
      const { client } = wsClient(t.wsUrl, ADMIN_TOKEN);
      try {
        const before = t.app.queries.count;
        const res = await wsQuery(client, query);
        expect(res.data).toBeUndefined();
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].message).toMatch(message);
        expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(
          res.errors![0].extensions.code,
        );
        expect(t.app.queries.count).toBe(before);
      } finally {
        await client.dispose();
      }
    },
  );

  it('answers with the cost requested and actually used, and the budget in headers', async () => {
    const res = await post(t, `{ people(first: 100) { totalCount edges { node { id } } } }`);
    expect(res.status).toBe(200);
    const cost = res.body.extensions.cost;
    expect(cost.requested).toBe(1 + 100 * 2);
    // No person exists but the bootstrap admin's none: an empty page costs the connection only.
    expect(cost.actual).toBe(1);
    expect(cost.limit).toBe(5000);
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBe(100_000);
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThanOrEqual(100_000 - 1);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(cost.budget.remaining).toBe(Number(res.headers.get('x-ratelimit-remaining')));
  });

  it('reports the cost over graphql-ws too', async () => {
    const { client } = wsClient(t.wsUrl, ADMIN_TOKEN);
    try {
      const res = (await wsQuery(client, `{ people(first: 10) { totalCount } }`)) as {
        extensions?: { cost?: { requested: number; actual: number } };
      };
      expect(res.extensions?.cost).toMatchObject({ requested: 1, actual: 1 });
    } finally {
      await client.dispose();
    }
  });
});
