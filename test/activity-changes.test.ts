import {
  buildBrief,
  buildLaunch,
  buildPerson,
  buildScenario,
  buildTask,
  buildTier,
  type TestLaunch,
} from './support/factories';
import { ok } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

// Every activity row says what it changed: field, old and new value, as a person
// reads them (names, ISO dates, "USD 89.00", percentages), null where there was none.
const ACTIVITY = `query($id: ID!) { launch(id: $id) { activity(first: 100) { edges { node {
  type summary changes { field from to } } } } } }`;
const UPDATE_TIER = `mutation($input: UpdatePricingTierInput!) { updatePricingTier(input: $input) {
  pricingTier { id } } }`;
const DELETE_TIER = `mutation($input: DeletePricingTierInput!) { deletePricingTier(input: $input) {
  deletedPricingTierId } }`;
const UPDATE_SCENARIO = `mutation($input: UpdatePricingScenarioInput!) { updatePricingScenario(input: $input) {
  pricingScenario { id } } }`;
const APPLY_SCENARIO = `mutation($input: ApplyPricingScenarioInput!) { applyPricingScenario(input: $input) {
  pricingScenario { id } } }`;
const UPDATE_BRIEF = `mutation($input: UpdateMessagingBriefInput!) { updateMessagingBrief(input: $input) {
  messagingBrief { id revision } } }`;
const SUBMIT_BRIEF = `mutation($input: SubmitMessagingBriefInput!) { submitMessagingBrief(input: $input) {
  messagingBrief { id } } }`;
const REQUEST_CHANGES = `mutation($input: RequestMessagingBriefChangesInput!) {
  requestMessagingBriefChanges(input: $input) { messagingBrief { id } } }`;
const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }`;
const DELETE_TASK = `mutation($input: DeleteTaskInput!) { deleteTask(input: $input) { deletedTaskId } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

type Row = {
  type: string;
  summary: string;
  changes: Array<{ field: string; from: string | null; to: string | null }>;
};

/** The launch's activity rows, oldest first. */
async function rows(launch: TestLaunch): Promise<Row[]> {
  const data = ok(await t.gql(ACTIVITY, { id: launch.id }));
  return data.launch.activity.edges.map((e: { node: Row }) => e.node);
}

async function lastRow(launch: TestLaunch): Promise<Row> {
  return (await rows(launch)).at(-1)!;
}

describe('activity changes', () => {
  it('pricing tiers: money with its currency, bands readable, only what changed; a delete lists what was', async () => {
    const launch = await buildLaunch(t);
    const tier = await buildTier(t, launch, {
      name: 'Team',
      billingModel: 'PER_SEAT',
      currency: 'usd',
      monthlyPriceCents: 8900,
      features: ['SSO', 'Audit log'],
    });
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'name', from: null, to: 'Team' },
      { field: 'billingModel', from: null, to: 'PER_SEAT' },
      { field: 'currency', from: null, to: 'USD' },
      { field: 'monthlyPrice', from: null, to: 'USD 89.00' },
      { field: 'features', from: null, to: 'SSO; Audit log' },
      { field: 'position', from: null, to: '0' },
    ]);

    ok(await t.gql(UPDATE_TIER, { input: { id: tier.id, monthlyPriceCents: 9900, name: 'Team' } }));
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'monthlyPrice', from: 'USD 89.00', to: 'USD 99.00' },
    ]);

    ok(
      await t.gql(UPDATE_TIER, {
        input: {
          id: tier.id,
          billingModel: 'GRADUATED',
          monthlyPriceCents: 1000,
          priceTiers: [
            { upTo: 10, unitAmountCents: 1000 },
            { upTo: null, unitAmountCents: 800, flatAmountCents: 500 },
          ],
        },
      }),
    );
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'billingModel', from: 'PER_SEAT', to: 'GRADUATED' },
      { field: 'monthlyPrice', from: 'USD 99.00', to: 'USD 10.00' },
      { field: 'priceTiers', from: null, to: 'up to 10: USD 10.00; then: USD 8.00 + USD 5.00' },
    ]);

    ok(await t.gql(DELETE_TIER, { input: { id: tier.id } }));
    const deleted = await lastRow(launch);
    expect(deleted.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: 'Team', to: null },
        { field: 'monthlyPrice', from: 'USD 10.00', to: null },
      ]),
    );
    expect(deleted.changes.every((c) => c.to === null && c.from !== null)).toBe(true);
  });

  it('pricing scenarios: assumptions as percentages, tier lines counted, apply moves the status', async () => {
    const launch = await buildLaunch(t);
    const tier = await buildTier(t, launch, {
      name: 'Pro',
      billingModel: 'FLAT',
      currency: 'EUR',
      monthlyPriceCents: 4900,
    });
    const scenario = await buildScenario(t, launch, {
      name: 'Raise Pro',
      assumptions: { annualPlanShare: 0.3, monthlyChurnRate: 0.025 },
      tiers: [{ tierId: tier.id, monthlyPriceCents: 5900, expectedCustomers: 40 }],
    });
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'name', from: null, to: 'Raise Pro' },
      { field: 'status', from: null, to: 'DRAFT' },
      { field: 'annualPlanShare', from: null, to: '30 %' },
      { field: 'monthlyChurnRate', from: null, to: '2.5 %' },
      { field: 'monthlyExpansionRate', from: null, to: '0 %' },
      { field: 'horizonMonths', from: null, to: '12' },
      { field: 'rampMonths', from: null, to: '0' },
      { field: 'tiers', from: '0 tier lines', to: '1 tier line' },
    ]);

    ok(
      await t.gql(UPDATE_SCENARIO, {
        input: { id: scenario.id, assumptions: { horizonMonths: 24 }, tiers: [] },
      }),
    );
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'horizonMonths', from: '12', to: '24' },
      { field: 'tiers', from: '1 tier line', to: '0 tier lines' },
    ]);

    ok(await t.gql(APPLY_SCENARIO, { input: { id: scenario.id } }));
    const applied = (await rows(launch)).find((r) => r.type === 'PRICING_SCENARIO_APPLIED')!;
    expect(applied.changes).toEqual([{ field: 'status', from: 'DRAFT', to: 'APPLIED' }]);
  });

  it('messaging briefs: created content, a revision with what differs, review steps with their comment', async () => {
    const launch = await buildLaunch(t);
    const brief = await buildBrief(t, launch, {
      audience: 'Operations leads',
      positioningStatement: 'Automate the busywork',
      keyMessages: ['Save 5 hours a week'],
    });
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'status', from: null, to: 'DRAFT' },
      { field: 'revision', from: null, to: '1' },
      { field: 'audience', from: null, to: 'Operations leads' },
      { field: 'positioningStatement', from: null, to: 'Automate the busywork' },
      { field: 'keyMessages', from: null, to: 'Save 5 hours a week' },
    ]);

    ok(
      await t.gql(UPDATE_BRIEF, {
        input: { id: brief.id, keyMessages: ['Save 5 hours a week', 'No code needed'] },
      }),
    );
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'revision', from: '1', to: '2' },
      {
        field: 'keyMessages',
        from: 'Save 5 hours a week',
        to: 'Save 5 hours a week; No code needed',
      },
    ]);

    ok(await t.gql(SUBMIT_BRIEF, { input: { id: brief.id } }));
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'status', from: 'DRAFT', to: 'IN_REVIEW' },
    ]);
    ok(await t.gql(REQUEST_CHANGES, { input: { id: brief.id, comment: '  Add proof points  ' } }));
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'status', from: 'IN_REVIEW', to: 'DRAFT' },
      { field: 'reviewComment', from: null, to: 'Add proof points' },
    ]);
  });

  it('tasks: a created task lists its fields with the assignee by name; a deleted one what it had', async () => {
    const launch = await buildLaunch(t);
    const owner = await buildPerson(t, { discipline: 'ENGINEERING', name: 'Riley Park' });
    const before = await buildTask(t, launch, { title: 'Security review' });
    ok(
      await t.gql(CREATE_TASK, {
        input: {
          launchId: launch.id,
          title: 'Load test',
          ownerRole: 'ENGINEERING',
          assigneeId: owner.id,
          dueDate: '2031-03-14',
          required: true,
          dependsOnIds: [before.id],
        },
      }),
    );
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'title', from: null, to: 'Load test' },
      { field: 'ownerRole', from: null, to: 'ENGINEERING' },
      { field: 'status', from: null, to: 'TODO' },
      { field: 'phase', from: null, to: 'PRE_LAUNCH' },
      { field: 'dueDate', from: null, to: '2031-03-14' },
      { field: 'required', from: null, to: 'true' },
      { field: 'assignee', from: null, to: 'Riley Park' },
      { field: 'dependsOn', from: null, to: '1 task' },
    ]);

    ok(await t.gql(DELETE_TASK, { input: { id: before.id } }));
    expect((await lastRow(launch)).changes).toEqual([
      { field: 'title', from: 'Security review', to: null },
      { field: 'ownerRole', from: 'ENGINEERING', to: null },
      { field: 'status', from: 'TODO', to: null },
      { field: 'phase', from: 'PRE_LAUNCH', to: null },
      { field: 'required', from: 'false', to: null },
    ]);
  });
});
