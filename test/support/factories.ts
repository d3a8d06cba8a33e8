import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface TestPerson {
  id: string;
  name: string;
  email: string;
  discipline: string;
  accessLevel: string;
  token: string;
}

let counter = 0;

/** Creates a person (as the bootstrap admin) and a token for them. */
export async function buildPerson(
  t: TestApp,
  overrides: Partial<Pick<TestPerson, 'name' | 'email' | 'discipline' | 'accessLevel'>> = {},
): Promise<TestPerson> {
  counter += 1;
  const suffix = `${counter}-${randomBytes(3).toString('hex')}`;
  const input = {
    name: overrides.name ?? `Person ${suffix}`,
    email: overrides.email ?? `person-${suffix}@example.com`,
    discipline: overrides.discipline ?? 'ENGINEERING',
    accessLevel: overrides.accessLevel ?? 'MEMBER',
  };
  const created = await t.gql(
    `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id name email discipline accessLevel } } }`,
    { input },
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const person = created.data!.createPerson.person;
  const minted = await t.gql(
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
    { input: { personId: person.id, label: 'test' } },
  );
  if (minted.errors) throw new Error(JSON.stringify(minted.errors));
  return { ...person, token: minted.data!.createApiToken.token };
}

export interface TestLaunch {
  id: string;
  name: string;
  version: number;
  pm: TestPerson;
  pmm: TestPerson;
}

/** A date `days` from today (UTC), YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Creates a launch (as the bootstrap admin) with a fresh PM and PMM owner unless given. */
export async function buildLaunch(
  t: TestApp,
  overrides: Partial<{
    name: string;
    product: string;
    tier: string;
    launchDate: string;
    applyTemplate: boolean;
    pm: TestPerson;
    pmm: TestPerson;
  }> = {},
): Promise<TestLaunch> {
  const pm = overrides.pm ?? (await buildPerson(t, { discipline: 'PM' }));
  const pmm = overrides.pmm ?? (await buildPerson(t, { discipline: 'PMM' }));
  const res = await t.gql(
    `mutation($input: CreateLaunchInput!) { createLaunch(input: $input) { launch { id name version } } }`,
    {
      input: {
        name: overrides.name ?? `Launch ${randomBytes(3).toString('hex')}`,
        product: overrides.product ?? 'Workflow Automations',
        tier: overrides.tier ?? 'TIER_3',
        launchDate: overrides.launchDate ?? daysFromToday(30),
        pmOwnerId: pm.id,
        pmmOwnerId: pmm.id,
        applyTemplate: overrides.applyTemplate ?? false,
      },
    },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { ...res.data!.createLaunch.launch, pm, pmm };
}

/** Creates a task on a launch (as the bootstrap admin). */
export async function buildTask(
  t: TestApp,
  launch: { id: string },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number; title: string }> {
  const res = await t.gql(
    `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id version title } } }`,
    {
      input: {
        launchId: launch.id,
        title: `Task ${randomBytes(3).toString('hex')}`,
        ownerRole: 'ENGINEERING',
        ...overrides,
      },
    },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createTask.task;
}

/**
 * Gives a launch what READY needs besides closed work (as the bootstrap
 * admin): a GO sign-off from every required discipline, then a decision
 * (GO by default; CONDITIONAL_GO with one condition owned by `conditionOwnerId`).
 */
export async function decideGo(
  t: TestApp,
  launch: { id: string },
  options: { outcome?: 'GO' | 'CONDITIONAL_GO'; conditionOwnerId?: string; dueDate?: string } = {},
): Promise<{ decisionId: string; version: number }> {
  const read = await t.gql(`query($id: ID!) { launch(id: $id) { requiredSignOffs launchDate } }`, {
    id: launch.id,
  });
  if (read.errors) throw new Error(JSON.stringify(read.errors));
  for (const discipline of read.data!.launch.requiredSignOffs) {
    const res = await t.gql(
      `mutation($input: SignOffLaunchInput!) { signOffLaunch(input: $input) { signOff { id } } }`,
      { input: { launchId: launch.id, discipline, verdict: 'GO' } },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  const outcome = options.outcome ?? 'GO';
  const conditions =
    outcome === 'CONDITIONAL_GO'
      ? [
          {
            description: 'Close the open launch work',
            ownerId: options.conditionOwnerId,
            dueDate: options.dueDate ?? read.data!.launch.launchDate,
          },
        ]
      : null;
  const res = await t.gql(
    `mutation($input: RecordLaunchDecisionInput!) { recordLaunchDecision(input: $input) {
      decision { id } launch { version } } }`,
    { input: { launchId: launch.id, outcome, rationale: 'Ready to go', conditions } },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return {
    decisionId: res.data!.recordLaunchDecision.decision.id,
    version: res.data!.recordLaunchDecision.launch.version,
  };
}

/** Creates a pricing tier on a launch (as the bootstrap admin): PER_SEAT USD 12.00 unless told. */
export async function buildTier(
  t: TestApp,
  launch: { id: string },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await t.gql(
    `mutation($input: CreatePricingTierInput!) { createPricingTier(input: $input) {
      pricingTier { id version } } }`,
    {
      input: {
        launchId: launch.id,
        name: `Tier ${randomBytes(3).toString('hex')}`,
        billingModel: 'PER_SEAT',
        currency: 'USD',
        monthlyPriceCents: 1200,
        ...overrides,
      },
    },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createPricingTier.pricingTier;
}

/** Creates a DRAFT pricing scenario on a launch (as the bootstrap admin) listing the given lines. */
export async function buildScenario(
  t: TestApp,
  launch: { id: string },
  input: { tiers: Array<Record<string, unknown>> } & Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const res = await t.gql(
    `mutation($input: CreatePricingScenarioInput!) { createPricingScenario(input: $input) {
      pricingScenario { id version } } }`,
    {
      input: { launchId: launch.id, name: `Scenario ${randomBytes(3).toString('hex')}`, ...input },
    },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createPricingScenario.pricingScenario;
}

/** Creates a DRAFT messaging brief on a launch (as the bootstrap admin), submittable as it is. */
export async function buildBrief(
  t: TestApp,
  launch: { id: string },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; revision: number }> {
  const res = await t.gql(
    `mutation($input: CreateMessagingBriefInput!) { createMessagingBrief(input: $input) {
      messagingBrief { id revision } } }`,
    {
      input: {
        launchId: launch.id,
        audience: `Audience ${randomBytes(3).toString('hex')}`,
        positioningStatement: 'For operations teams who automate',
        keyMessages: ['Automate without code'],
        ...overrides,
      },
    },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createMessagingBrief.messagingBrief;
}
