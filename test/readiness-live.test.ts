import {
  buildLaunch,
  buildPerson,
  buildTier,
  daysFromToday,
  type TestPerson,
} from './support/factories';
import { ok } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { subscribe, wsClient, type Subscription } from './support/ws';

// Readiness is live: a sign-off, a decision and a staleness change each bump the
// checklist revision and reach checklistStatusChanged subscribers, like a task change.
const STATUS = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) {
  launchId health revision } }`;
const REASONS = `query($id: ID!) { launch(id: $id) { checklistStatus { revision
  reasons { code } } signOffs { discipline stale } currentDecision { outcome stale } } }`;
const SIGN_OFF = `mutation($input: SignOffLaunchInput!) { signOffLaunch(input: $input) { signOff { id } } }`;
const DECIDE = `mutation($input: RecordLaunchDecisionInput!) { recordLaunchDecision(input: $input) {
  decision { id } } }`;
const UPDATE_TIER = `mutation($input: UpdatePricingTierInput!) { updatePricingTier(input: $input) {
  pricingTier { id monthlyPriceCents } } }`;

let t: TestApp;
let viewer: TestPerson;
beforeAll(async () => {
  t = await startTestApp();
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SALES' });
});
afterAll(() => t.dispose());

function watch(launchId: string): Subscription {
  const { client } = wsClient(t.wsUrl, viewer.token);
  return subscribe(client, STATUS, { launchId });
}

async function reasons(id: string) {
  return ok(await t.gql(REASONS, { id })).launch;
}

describe('readiness changes reach checklistStatusChanged subscribers', () => {
  it('a sign-off, a decision and a price change that makes them stale: one message each, revision + 1 each', async () => {
    const launch = await buildLaunch(t, { launchDate: daysFromToday(20) });
    const tier = await buildTier(t, launch, { name: 'Team' });
    const sub = watch(launch.id);
    const first = (await sub.next()).checklistStatusChanged;
    expect(first.launchId).toBe(launch.id);

    ok(await t.gql(SIGN_OFF, { input: { launchId: launch.id, discipline: 'PM', verdict: 'GO' } }));
    const signed = (await sub.next()).checklistStatusChanged;
    expect(signed.revision).toBe(first.revision + 1);
    expect((await reasons(launch.id)).signOffs).toEqual([{ discipline: 'PM', stale: false }]);

    ok(
      await t.gql(DECIDE, {
        input: { launchId: launch.id, outcome: 'NO_GO', rationale: 'Security review open' },
      }),
    );
    const decided = (await sub.next()).checklistStatusChanged;
    expect(decided.revision).toBe(signed.revision + 1);

    // A live price change: the sign-off and the decision no longer vouch for it.
    ok(await t.gql(UPDATE_TIER, { input: { id: tier.id, monthlyPriceCents: 1500 } }));
    const stale = (await sub.next()).checklistStatusChanged;
    expect(stale.revision).toBe(decided.revision + 1);
    const after = await reasons(launch.id);
    expect(after.checklistStatus.revision).toBe(stale.revision);
    expect(after.signOffs).toEqual([{ discipline: 'PM', stale: true }]);
    expect(after.currentDecision).toEqual({ outcome: 'NO_GO', stale: true });
    expect(after.checklistStatus.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['SIGN_OFF_STALE']),
    );

    // A second price change finds nothing more to make stale: no message, the revision stays.
    ok(await t.gql(UPDATE_TIER, { input: { id: tier.id, monthlyPriceCents: 1600 } }));
    ok(await t.gql(SIGN_OFF, { input: { launchId: launch.id, discipline: 'PM', verdict: 'GO' } }));
    const resigned = (await sub.next()).checklistStatusChanged;
    expect(resigned.revision).toBe(stale.revision + 1);
    expect(sub.values).toHaveLength(5);
    sub.dispose();
  });
});
