import { randomBytes } from 'node:crypto';
import { contractOperations, type ContractOperation } from './support/contract';
import { tableChecksums } from './support/db-checksum';
import {
  buildLaunch,
  buildBrief,
  buildPerson,
  buildScenario,
  buildTask,
  buildTier,
  daysFromToday,
  type TestLaunch,
  type TestPerson,
} from './support/factories';
import { ok } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** Who calls: DESIGN.md "Who may do what", person by person. */
const PRINCIPALS = [
  'noToken',
  'badToken',
  'viewer',
  'memberNonOwner',
  'assignee',
  'pmOwner',
  'pmmOwner',
  'admin',
] as const;
type Principal = (typeof PRINCIPALS)[number];
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const OWNERS: Principal[] = ['pmOwner', 'pmmOwner', 'admin'];

interface Cast {
  viewer: TestPerson;
  member: TestPerson;
  assignee: TestPerson;
  pm: TestPerson;
  pmm: TestPerson;
  admin: TestPerson;
}

let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await startTestApp();
  cast = {
    // The viewer and the member share a discipline: a sign-off for it tells access from discipline.
    viewer: await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'ENGINEERING' }),
    member: await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'ENGINEERING' }),
    assignee: await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'DESIGN' }),
    pm: await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'PM' }),
    pmm: await buildPerson(t, { accessLevel: 'MEMBER', discipline: 'PMM' }),
    admin: await buildPerson(t, { accessLevel: 'ADMIN', discipline: 'EXECUTIVE' }),
  };
});
afterAll(() => t.dispose());

/** Each principal's bearer token; a Record over Principal, so a new principal must be added here. */
const TOKENS: Record<Principal, () => string | null> = {
  noToken: () => null,
  badToken: () => 'not-a-token-of-this-server-0123456789',
  viewer: () => cast.viewer.token,
  memberNonOwner: () => cast.member.token,
  assignee: () => cast.assignee.token,
  pmOwner: () => cast.pm.token,
  pmmOwner: () => cast.pmm.token,
  admin: () => cast.admin.token,
};

function tokenOf(principal: Principal): string | null {
  return TOKENS[principal]();
}

/** What the rows need, made by the bootstrap admin: a launch owned by the cast's PM and PMM. */
const make = {
  launch: (): Promise<TestLaunch> => buildLaunch(t, { pm: cast.pm, pmm: cast.pmm }),
  task: (launch: TestLaunch, extra: Record<string, unknown> = {}) =>
    buildTask(t, launch, { assigneeId: cast.assignee.id, ...extra }),
  async tier(launch: TestLaunch): Promise<string> {
    return (await buildTier(t, launch, { name: 'Team' })).id;
  },
  async scenario(launch: TestLaunch): Promise<string> {
    const tierId = await make.tier(launch);
    const tiers = [{ tierId, expectedCustomers: 10, monthlyPriceCents: 1500 }];
    return (await buildScenario(t, launch, { name: 'Plan', tiers })).id;
  },
  async brief(launch: TestLaunch, inReview: boolean): Promise<string> {
    const { id } = await buildBrief(t, launch, {
      audience: `Admins ${randomBytes(3).toString('hex')}`,
      positioningStatement: 'For admins who automate',
      keyMessages: ['Automate the busywork'],
    });
    if (inReview) {
      ok(
        await t.gql(
          `mutation($input: SubmitMessagingBriefInput!) { submitMessagingBrief(input: $input) { messagingBrief { id } } }`,
          { input: { id } },
        ),
      );
    }
    return id;
  },
  async apiTokenOf(person: TestPerson): Promise<string> {
    const res = await t.gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id } } }`,
      { input: { personId: person.id, label: 'to revoke' } },
    );
    return ok(res).createApiToken.apiToken.id as string;
  },
};

interface Row {
  operation: string;
  /** Which variant of the operation, when there are several. */
  variant: string;
  allowed: Principal[];
  /** Fresh objects and the variables that act on them (as the bootstrap admin). */
  variables(): Promise<Record<string, unknown>>;
}

const input = (value: Record<string, unknown>) => ({ input: value });

/** Every contract mutation (DESIGN.md "Who may do what"); some in two variants. */
const ROWS: Row[] = [
  {
    operation: 'CreatePerson',
    variant: '',
    allowed: ['admin'],
    variables: async () =>
      input({
        name: 'Matrix Person',
        email: `matrix-${randomBytes(4).toString('hex')}@example.com`,
        discipline: 'SALES',
      }),
  },
  {
    operation: 'CreateApiToken',
    variant: "for the PM owner's person",
    allowed: ['pmOwner', 'admin'],
    variables: async () => input({ personId: cast.pm.id, label: 'matrix' }),
  },
  {
    operation: 'RevokeApiToken',
    variant: "a token of the PM owner's",
    allowed: ['pmOwner', 'admin'],
    variables: async () => input({ id: await make.apiTokenOf(cast.pm) }),
  },
  {
    operation: 'CreateLaunch',
    variant: '',
    allowed: ['memberNonOwner', 'assignee', ...OWNERS],
    variables: async () =>
      input({
        name: `Matrix ${randomBytes(3).toString('hex')}`,
        product: 'Insights',
        tier: 'TIER_3',
        launchDate: daysFromToday(40),
        pmOwnerId: cast.pm.id,
        pmmOwnerId: cast.pmm.id,
        applyTemplate: false,
      }),
  },
  {
    operation: 'UpdateLaunch',
    variant: '',
    allowed: OWNERS,
    variables: async () => input({ id: (await make.launch()).id, summary: 'Changed' }),
  },
  {
    operation: 'TransitionLaunch',
    variant: 'to CANCELLED',
    allowed: OWNERS,
    variables: async () => input({ id: (await make.launch()).id, to: 'CANCELLED' }),
  },
  {
    operation: 'CreateTask',
    variant: '',
    allowed: OWNERS,
    variables: async () =>
      input({ launchId: (await make.launch()).id, title: 'New task', ownerRole: 'ENGINEERING' }),
  },
  {
    operation: 'UpdateTask',
    variant: 'status (the assignee may)',
    allowed: [...OWNERS, 'assignee'],
    variables: async () =>
      input({ id: (await make.task(await make.launch())).id, status: 'IN_PROGRESS' }),
  },
  {
    operation: 'UpdateTask',
    variant: 'title (the assignee may not)',
    allowed: OWNERS,
    variables: async () =>
      input({ id: (await make.task(await make.launch())).id, title: 'Renamed' }),
  },
  {
    operation: 'DeleteTask',
    variant: '',
    allowed: OWNERS,
    variables: async () => input({ id: (await make.task(await make.launch())).id }),
  },
  {
    operation: 'AddTaskDependency',
    variant: '',
    allowed: OWNERS,
    variables: async () => {
      const launch = await make.launch();
      const first = await make.task(launch);
      const second = await make.task(launch);
      return input({ taskId: second.id, dependsOnId: first.id });
    },
  },
  {
    operation: 'RemoveTaskDependency',
    variant: '',
    allowed: OWNERS,
    variables: async () => {
      const launch = await make.launch();
      const first = await make.task(launch);
      const second = await make.task(launch, { dependsOnIds: [first.id] });
      return input({ taskId: second.id, dependsOnId: first.id });
    },
  },
  {
    operation: 'CreatePricingTier',
    variant: '',
    allowed: OWNERS,
    variables: async () =>
      input({
        launchId: (await make.launch()).id,
        name: 'Business',
        billingModel: 'FLAT',
        currency: 'USD',
        monthlyPriceCents: 9900,
      }),
  },
  {
    operation: 'UpdatePricingTier',
    variant: '',
    allowed: OWNERS,
    variables: async () =>
      input({ id: await make.tier(await make.launch()), monthlyPriceCents: 1300 }),
  },
  {
    operation: 'DeletePricingTier',
    variant: '',
    allowed: OWNERS,
    variables: async () => input({ id: await make.tier(await make.launch()) }),
  },
  {
    operation: 'CreatePricingScenario',
    variant: '',
    allowed: OWNERS,
    variables: async () => input({ launchId: (await make.launch()).id, name: 'Empty', tiers: [] }),
  },
  {
    operation: 'UpdatePricingScenario',
    variant: '',
    allowed: OWNERS,
    variables: async () => input({ id: await make.scenario(await make.launch()), name: 'Renamed' }),
  },
  {
    operation: 'ApplyPricingScenario',
    variant: '',
    allowed: ['pmmOwner', 'admin'],
    variables: async () => input({ id: await make.scenario(await make.launch()) }),
  },
  {
    operation: 'CreateMessagingBrief',
    variant: '',
    allowed: OWNERS,
    variables: async () =>
      input({
        launchId: (await make.launch()).id,
        audience: 'Developers',
        positioningStatement: 'For developers',
      }),
  },
  {
    operation: 'UpdateMessagingBrief',
    variant: '',
    allowed: OWNERS,
    variables: async () =>
      input({ id: await make.brief(await make.launch(), false), callToAction: 'Try it' }),
  },
  {
    operation: 'SubmitMessagingBrief',
    variant: '',
    allowed: OWNERS,
    variables: async () => input({ id: await make.brief(await make.launch(), false) }),
  },
  {
    operation: 'ApproveMessagingBrief',
    variant: '',
    allowed: ['pmmOwner', 'admin'],
    variables: async () => input({ id: await make.brief(await make.launch(), true) }),
  },
  {
    operation: 'RequestMessagingBriefChanges',
    variant: '',
    allowed: OWNERS,
    variables: async () =>
      input({ id: await make.brief(await make.launch(), true), comment: 'Sharper, please' }),
  },
  {
    operation: 'SignOffLaunch',
    variant: 'for PM',
    allowed: ['pmOwner', 'admin'],
    variables: async () =>
      input({ launchId: (await make.launch()).id, discipline: 'PM', verdict: 'GO' }),
  },
  {
    operation: 'SignOffLaunch',
    variant: 'for ENGINEERING (a VIEWER of it may not)',
    allowed: ['memberNonOwner', 'admin'],
    variables: async () =>
      input({ launchId: (await make.launch()).id, discipline: 'ENGINEERING', verdict: 'GO' }),
  },
  {
    operation: 'RecordLaunchDecision',
    variant: 'NO_GO',
    allowed: OWNERS,
    variables: async () =>
      input({ launchId: (await make.launch()).id, outcome: 'NO_GO', rationale: 'Not yet' }),
  },
];

const mutations = new Map(contractOperations('mutation').map((op) => [op.name, op]));

function expected(row: Row): Record<Principal, Outcome> {
  return Object.fromEntries(
    PRINCIPALS.map((p) => [
      p,
      row.allowed.includes(p)
        ? 'ok'
        : p === 'noToken' || p === 'badToken'
          ? 'UNAUTHENTICATED'
          : 'FORBIDDEN',
    ]),
  ) as Record<Principal, Outcome>;
}

/** Sends the operation as `principal`; a refusal must leave every table as it was. */
async function attempt(
  operation: ContractOperation,
  variables: Record<string, unknown>,
  principal: Principal,
): Promise<string> {
  const before = await tableChecksums(t);
  const res = await t.gql(operation.text, variables, tokenOf(principal), operation.name);
  if (!res.errors) {
    const field = Object.values(res.data ?? {})[0];
    return field ? 'ok' : 'ok without data';
  }
  const code = String(res.errors[0].extensions?.code);
  const after = await tableChecksums(t);
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  return changed.length > 0 ? `${code}, but wrote ${changed.join(', ')}` : code;
}

describe('auth matrix: every contract mutation × every kind of caller', () => {
  it('covers every mutation of the contract', () => {
    expect([...new Set(ROWS.map((r) => r.operation))].sort()).toEqual([...mutations.keys()].sort());
  });

  it.each(ROWS.map((row) => [row.operation, row.variant, row] as const))(
    '%s %s',
    async (_name, _variant, row) => {
      const operation = mutations.get(row.operation)!;
      const outcomes: Record<string, string> = {};
      let variables = await row.variables();
      for (const principal of PRINCIPALS) {
        outcomes[principal] = await attempt(operation, variables, principal);
        // A success used the objects up (deleted, applied, moved on): the next caller gets fresh ones.
        if (outcomes[principal] === 'ok') variables = await row.variables();
      }
      expect(outcomes).toEqual(expected(row));
    },
  );
});
