import { buildLaunch, buildPerson, daysFromToday } from './support/factories';
import { captureLogs } from './support/helpers';
import { LEAKS, post, postRaw } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const CREATE_LAUNCH = `mutation($input: CreateLaunchInput!) { createLaunch(input: $input) { launch { id } } }`;
const UPDATE_LAUNCH = `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id } } }`;

let t: TestApp;
const logs = captureLogs();

beforeAll(async () => {
  t = await startTestApp({}, logs.stream);
});
afterAll(() => t.dispose());

async function launchInput(overrides: Record<string, unknown> = {}) {
  const pm = await buildPerson(t, { discipline: 'PM' });
  const pmm = await buildPerson(t, { discipline: 'PMM' });
  return {
    name: 'Bad input launch',
    product: 'Product',
    tier: 'TIER_3',
    launchDate: daysFromToday(30),
    pmOwnerId: pm.id,
    pmmOwnerId: pmm.id,
    applyTemplate: false,
    ...overrides,
  };
}

async function launchCount(): Promise<number> {
  return Number((await t.sql('SELECT count(*)::int AS n FROM launches'))[0].n);
}

describe('characters PostgreSQL cannot store', () => {
  it.each([
    ['a NUL in a name', { name: 'Launch\u0000x' }, 'name'],
    ['a NUL in a free text', { summary: 'ok\u0000' }, 'summary'],
    ['an unpaired surrogate', { product: 'x\uD800y' }, 'product'],
  ])('%s is BAD_USER_INPUT on the field, nothing written', async (_, overrides, field) => {
    const before = await launchCount();
    const res = await t.gql(CREATE_LAUNCH, { input: await launchInput(overrides) });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await launchCount()).toBe(before);
  });

  it('a NUL inside a list item names the item', async () => {
    const launch = await buildLaunch(t);
    const res = await t.gql(
      `mutation($input: CreateMessagingBriefInput!) { createMessagingBrief(input: $input) { messagingBrief { id } } }`,
      {
        input: {
          launchId: launch.id,
          audience: 'Admins',
          positioningStatement: 'For admins',
          keyMessages: ['fine', 'bad\u0000'],
        },
      },
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'keyMessages.1',
    });
  });
});

describe('dates', () => {
  it.each(['0000-01-05', '0001-01-05', '1899-12-31', '10000-01-01'])(
    'a launch date of %s is refused with a code, nothing written',
    async (launchDate) => {
      const before = await launchCount();
      const res = await t.gql(CREATE_LAUNCH, { input: await launchInput({ launchDate }) });
      expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(await launchCount()).toBe(before);
    },
  );

  it('a launch date whose template puts tasks before 1900 is BAD_USER_INPUT on launchDate', async () => {
    const before = await launchCount();
    const res = await t.gql(CREATE_LAUNCH, {
      input: await launchInput({ launchDate: '1900-01-05', tier: 'TIER_1', applyTemplate: true }),
    });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'launchDate',
    });
    expect(await launchCount()).toBe(before);
  });

  it('moving a launch so that its tasks would leave the range is BAD_USER_INPUT, nothing moved', async () => {
    const launch = await buildLaunch(t, { tier: 'TIER_1', applyTemplate: true });
    const before = await t.sql('SELECT min(due_date)::text AS d FROM tasks WHERE launch_id = $1', [
      (await t.sql('SELECT id FROM launches WHERE name = $1', [launch.name]))[0].id,
    ]);
    const res = await t.gql(UPDATE_LAUNCH, { input: { id: launch.id, launchDate: '1900-01-02' } });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'launchDate',
    });
    const after = await t.sql('SELECT min(due_date)::text AS d FROM tasks WHERE launch_id = $1', [
      (await t.sql('SELECT id FROM launches WHERE name = $1', [launch.name]))[0].id,
    ]);
    expect(after).toEqual(before);
  });
});

describe('variables graphql-js refuses', () => {
  it('more than 50 bad list items is BAD_USER_INPUT, not an internal error', async () => {
    const res = await t.gql(
      `query($ids: [ID!]!) { comparePricingScenarios(ids: $ids) { rows { mrrDeltaCents } } }`,
      {
        ids: Array.from({ length: 120 }, () => 5),
      },
    );
    expect(res.errors!.length).toBeGreaterThan(0);
    for (const error of res.errors!) expect(error.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('null for an argument with a default is BAD_USER_INPUT on that argument', async () => {
    const res = await t.gql(`query($first: Int) { people(first: $first) { totalCount } }`, {
      first: null,
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('null for an input field with a default is BAD_USER_INPUT on that field', async () => {
    const res = await t.gql(CREATE_LAUNCH, { input: await launchInput({ applyTemplate: null }) });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'applyTemplate',
    });
  });
});

describe('request bodies the parser refuses', () => {
  const cases: Array<[string, string, Record<string, string>, number]> = [
    ['malformed JSON', '{"query": "{ me { id } ', {}, 400],
    [
      'a body over the limit',
      JSON.stringify({ query: `{ me { id } }`, pad: 'x'.repeat(1_100_000) }),
      {},
      413,
    ],
    [
      'a charset other than UTF-8',
      '{"query":"{ me { id } }"}',
      { 'content-type': 'application/json; charset=latin1' },
      415,
    ],
  ];

  it.each(cases)(
    '%s is a GraphQL-over-HTTP JSON error with no stack or path',
    async (_, body, headers, status) => {
      const res = await postRaw(t, body, { headers, token: null });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(res.text).not.toMatch(LEAKS);
    },
  );
});

describe('errors while building the request context', () => {
  it('are logged with the request id and answered INTERNAL_SERVER_ERROR with nothing inside', async () => {
    const person = await buildPerson(t);
    await t.sql('ALTER TABLE api_tokens RENAME TO api_tokens_away');
    try {
      const res = await post(
        t,
        '{ me { id } }',
        {},
        {
          token: person.token,
          headers: { 'x-request-id': 'ctx-fail-7' },
        },
      );
      expect(res.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.text).not.toMatch(LEAKS);
      expect(res.text).not.toMatch(/api_tokens/);
    } finally {
      await t.sql('ALTER TABLE api_tokens_away RENAME TO api_tokens');
    }
    const entry = logs.entries().find((l) => l.requestId === 'ctx-fail-7' && l.level >= 50);
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry.err)).toMatch(/api_tokens/);
  });
});
