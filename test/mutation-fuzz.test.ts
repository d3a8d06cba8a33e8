import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { contractOperations } from './support/contract';
import { tableChecksums } from './support/db-checksum';
import { buildLaunch, buildPerson, buildTask, type TestPerson } from './support/factories';
import { ok } from './support/helpers';
import { LEAKS } from './support/http';
import { variablesArbitrary } from './support/fuzz-inputs';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';

/** 2,000 in CI; `npm run fuzz` runs 10,000 (FUZZ_RUNS). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const schema = buildSchema(readFileSync(path.join(__dirname, '../schema/schema.graphql'), 'utf8'));
const mutations = contractOperations('mutation');

let t: TestApp;
let owner: TestPerson;
let viewer: TestPerson;
const ids: Record<string, string[]> = {};

const counts = {
  cases: 0,
  accepted: 0,
  rejected: 0,
  byCode: {} as Record<string, number>,
  status5xx: 0,
  internalErrors: 0,
  leaks: 0,
  writesOnRejection: 0,
};

beforeAll(async () => {
  // The budget is not what this test is about: no 429 however fast it goes.
  t = await startTestApp({ RATE_LIMIT_COST_PER_MINUTE: '1000000000' });
  const launch = await buildLaunch(t, { tier: 'TIER_3', applyTemplate: true });
  owner = launch.pm;
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
  const task = await buildTask(t, launch, { assigneeId: owner.id });
  const made = ok(
    await t.gql(
      `mutation($tier: CreatePricingTierInput!, $brief: CreateMessagingBriefInput!) {
        createPricingTier(input: $tier) { pricingTier { id } }
        createMessagingBrief(input: $brief) { messagingBrief { id } } }`,
      {
        tier: {
          launchId: launch.id,
          name: 'Team',
          billingModel: 'PER_SEAT',
          currency: 'USD',
          monthlyPriceCents: 1200,
        },
        brief: {
          launchId: launch.id,
          audience: 'Admins',
          positioningStatement: 'For admins',
          keyMessages: ['Automate'],
        },
      },
    ),
  );
  const tierId = made.createPricingTier.pricingTier.id as string;
  const scenario = ok(
    await t.gql(
      `mutation($input: CreatePricingScenarioInput!) { createPricingScenario(input: $input) { pricingScenario { id } } }`,
      { input: { launchId: launch.id, name: 'Plan', tiers: [{ tierId, expectedCustomers: 5 }] } },
    ),
  );
  // Tokens the fuzz may revoke: a bystander's, never the callers' own.
  const bystander = await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'SUPPORT' });
  const tokens = await t.sql<{ id: string }>(
    `SELECT t.id FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE p.email = $1`,
    [bystander.email],
  );
  const tasks = await t.sql<{ id: string }>('SELECT id FROM tasks');
  const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64url');
  Object.assign(ids, {
    Launch: [launch.id],
    Task: [task.id, ...tasks.map((r) => gid('Task', r.id))],
    Person: [owner.id, launch.pmm.id, viewer.id, bystander.id],
    PricingTier: [tierId],
    PricingScenario: [scenario.createPricingScenario.pricingScenario.id],
    MessagingBrief: [made.createMessagingBrief.messagingBrief.id],
    ApiToken: tokens.map((r) => gid('ApiToken', r.id)),
  });
});

afterAll(async () => {
  console.log(
    [
      `mutation fuzz: ${counts.cases} cases over ${mutations.length} contract mutations`,
      `  accepted ${counts.accepted}, rejected ${counts.rejected}`,
      `  rejected by code: ${JSON.stringify(counts.byCode)}`,
      `  5xx: ${counts.status5xx}, INTERNAL_SERVER_ERROR: ${counts.internalErrors}, ` +
        `stack/SQL/path leaks: ${counts.leaks}, rejected mutations that wrote: ${counts.writesOnRejection}`,
    ].join('\n'),
  );
  await t.dispose();
});

describe('fuzzing every contract mutation', () => {
  it(
    `${RUNS} cases: no 5xx, no INTERNAL_SERVER_ERROR, no leak, nothing written on rejection`,
    async () => {
      const caseArbitrary = fc.oneof(
        ...mutations.map((operation) =>
          fc.record({
            operation: fc.constant(operation),
            variables: variablesArbitrary(schema, operation.definition, ids),
            // Mostly the bootstrap admin, so that authorisation does not stop the input first.
            caller: fc.constantFrom<'admin' | 'owner' | 'viewer'>(
              'admin',
              'admin',
              'admin',
              'owner',
              'viewer',
            ),
          }),
        ),
      );
      let baseline = await tableChecksums(t);
      await fc.assert(
        fc.asyncProperty(caseArbitrary, async ({ operation, variables, caller }) => {
          const token =
            caller === 'admin' ? ADMIN_TOKEN : caller === 'owner' ? owner.token : viewer.token;
          counts.cases += 1;
          const res = await t.gql(operation.text, variables, token, operation.name);
          const problems: string[] = [];
          if (res.status >= 500) {
            counts.status5xx += 1;
            problems.push(`HTTP ${res.status}`);
          }
          if (!res.errors) {
            counts.accepted += 1;
            baseline = await tableChecksums(t);
          } else {
            counts.rejected += 1;
            const code = String(res.errors[0].extensions?.code);
            counts.byCode[code] = (counts.byCode[code] ?? 0) + 1;
            if (res.errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
              counts.internalErrors += 1;
              problems.push('INTERNAL_SERVER_ERROR');
            }
            // A leak is what the server adds, not what the client sent and got echoed back.
            const leak = JSON.stringify(res.errors).match(LEAKS);
            if (leak && !JSON.stringify(variables).includes(leak[0])) {
              counts.leaks += 1;
              problems.push(`leak "${leak[0]}"`);
            }
            const after = await tableChecksums(t);
            const changed = Object.keys(after).filter((table) => after[table] !== baseline[table]);
            if (changed.length > 0) {
              counts.writesOnRejection += 1;
              problems.push(`wrote ${changed.join(', ')}`);
              baseline = after;
            }
          }
          if (problems.length > 0) {
            throw new Error(
              `${operation.name} as ${caller}: ${problems.join('; ')}\n${JSON.stringify(res.errors)}`,
            );
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect(counts.cases).toBeGreaterThanOrEqual(RUNS);
    },
    60_000 + RUNS * 200,
  );
});
