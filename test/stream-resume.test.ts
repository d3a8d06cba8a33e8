import { AccessLevel } from '../src/core/auth/access-level';
import type { Viewer } from '../src/core/auth/viewer';
import { ActivityType, recordActivity } from '../src/modules/activity-log';
import { subscribe, wsClient } from './support/ws';
import { startTestApp, type TestApp } from './support/test-app';
import { buildLaunch, buildPerson, buildTask, type TestPerson } from './support/factories';

// Streams under load, end to end: clients that keep dropping and resuming with `after`
// while writes commit get every row exactly once; status revisions only rise, also
// across a lost listener, on two instances.

const ACTIVITY = `subscription($launchId: ID!, $after: String) { launchActivity(launchId: $launchId, after: $after) { cursor } }`;
const STATUS = `subscription($launchId: ID!) { checklistStatusChanged(launchId: $launchId) { revision closedCount } }`;
const LOG = `query($id: ID!) { launch(id: $id) { activity(first: 100) { pageInfo { endCursor } } } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }`;

const ROUNDS = 10;
const CLIENTS = 20;
const WRITERS = 10;
const WRITES = 200;

let t: TestApp;
let b: TestApp;
let viewer: TestPerson;

beforeAll(async () => {
  t = await startTestApp();
  b = await startTestApp({ DATABASE_URL: t.databaseUrl });
  viewer = await buildPerson(t, { accessLevel: 'VIEWER', discipline: 'SUPPORT' });
});
afterAll(async () => {
  await b?.dispose();
  await t?.dispose();
});

/** The seq behind an activity cursor (opaque to clients; tests may peek). */
const seqOf = (cursor: string): number =>
  Number(JSON.parse(Buffer.from(cursor, 'base64url').toString())[1]);

const uuidOf = (id: string): string => Buffer.from(id, 'base64url').toString().split(':')[1];

/**
 * `count` activity rows committed by WRITERS concurrent writers through both instances'
 * pools, each in a transaction of its own through the app's activity writer (its NOTIFY
 * included): the stream is what is under test, so the writes skip GraphQL to be fast.
 */
async function writeConcurrently(launchId: string, count: number): Promise<void> {
  let issued = 0;
  const viewerOf: Viewer = { kind: 'bootstrap', accessLevel: AccessLevel.ADMIN, personId: null };
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const { dataSource } = (w % 2 ? b : t).app;
      while (issued < count) {
        issued += 1;
        await dataSource.transaction((manager) =>
          recordActivity(manager, {
            launchId: uuidOf(launchId),
            type: ActivityType.LAUNCH_UPDATED,
            viewer: viewerOf,
            subjectId: launchId,
            action: `touched the launch (writer ${w})`,
          }),
        );
      }
    }),
  );
}

/**
 * One client: subscribes after `start`, takes a few rows, drops the subscription and
 * resumes after the last row it saw, until it holds `final`. Counts duplicates and gaps.
 */
async function resumingClient(
  app: TestApp,
  launchId: string,
  startCursor: string,
  final: number,
  sessionLength: number,
): Promise<{ received: number[]; duplicates: number; gaps: number; sessions: number }> {
  const { client } = wsClient(app.wsUrl, viewer.token);
  const received: number[] = [];
  let duplicates = 0;
  let gaps = 0;
  let sessions = 0;
  let after = startCursor;
  let last = seqOf(startCursor);
  try {
    while (last < final) {
      sessions += 1;
      const sub = subscribe(client, ACTIVITY, { launchId, after });
      for (let taken = 0; taken < sessionLength && last < final; taken += 1) {
        const row = await Promise.race([
          sub.next(),
          sub.error.then((e) =>
            Promise.reject(
              new Error(
                `stream ended: ${JSON.stringify(e)} ${String(e?.code ?? '')} ${String(e?.reason ?? '')}`,
              ),
            ),
          ),
        ]);
        const seq = seqOf(row.launchActivity.cursor);
        if (seq <= last) duplicates += 1;
        else if (seq > last + 1) gaps += seq - last - 1;
        if (seq > last) {
          last = seq;
          after = row.launchActivity.cursor;
        }
        received.push(seq);
      }
      sub.dispose();
    }
  } finally {
    await client.dispose();
  }
  return { received, duplicates, gaps, sessions };
}

describe('activity streams resumed with `after` while writes commit', () => {
  it(`${ROUNDS} rounds of ${CLIENTS} resuming clients on two instances and ${WRITES} writes: every row once, in order`, async () => {
    const totals = { duplicates: 0, gaps: 0, sessions: 0, rows: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const launch = await buildLaunch(t);
      const log = await t.gql(LOG, { id: launch.id });
      const startCursor: string = log.data!.launch.activity.pageInfo.endCursor;
      const start = seqOf(startCursor);
      const final = start + WRITES;
      // Clients start together with the writers; each drops its stream every few rows.
      const clients = Array.from({ length: CLIENTS }, (_, c) =>
        resumingClient(c % 2 ? b : t, launch.id, startCursor, final, 25 + ((c * 13 + round) % 50)),
      );
      await writeConcurrently(launch.id, WRITES);
      const results = await Promise.all(clients);
      const committed = await t.sql<{ seq: number }>(
        'SELECT max(seq)::int AS seq FROM launch_activity WHERE launch_id = $1',
        [uuidOf(launch.id)],
      );
      expect(committed[0].seq).toBe(final);
      for (const result of results) {
        totals.duplicates += result.duplicates;
        totals.gaps += result.gaps;
        totals.sessions += result.sessions;
        totals.rows += result.received.length;
        expect(result.received).toEqual(Array.from({ length: WRITES }, (_, i) => start + 1 + i));
      }
    }
    process.stdout.write(
      `stream resume: ${ROUNDS} rounds x ${CLIENTS} clients x ${WRITES} writes: ` +
        `${totals.rows} rows over ${totals.sessions} subscriptions, ` +
        `${totals.duplicates} duplicates, ${totals.gaps} gaps\n`,
    );
    expect(totals).toMatchObject({ duplicates: 0, gaps: 0, rows: ROUNDS * CLIENTS * WRITES });
  }, 600_000);
});

describe('checklist status stream across a listener loss', () => {
  it('revisions only rise on both instances and end on the committed revision', async () => {
    const launch = await buildLaunch(t);
    const tasks = [];
    for (let i = 0; i < WRITERS; i += 1) tasks.push(await buildTask(t, launch));
    const clients = Array.from({ length: 6 }, (_, i) =>
      wsClient((i % 2 ? b : t).wsUrl, viewer.token),
    );
    const subs = clients.map(({ client }) => subscribe(client, STATUS, { launchId: launch.id }));
    await Promise.all(subs.map((s) => s.next()));
    const writing = Promise.all(
      tasks.map(async (task, w) => {
        for (const status of ['IN_PROGRESS', 'DONE', 'TODO', 'DONE']) {
          const res = await (w % 2 ? b : t).gql(UPDATE, { input: { id: task.id, status } });
          if (res.errors) throw new Error(JSON.stringify(res.errors));
        }
      }),
    );
    // Both listeners are cut while the writes go on.
    const pids = [t.app.events.listenerPid, b.app.events.listenerPid];
    await t.sql('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
    await writing;
    const [{ checklist_revision: final }] = await t.sql<{ checklist_revision: number }>(
      'SELECT checklist_revision FROM launches WHERE id = $1',
      [uuidOf(launch.id)],
    );
    for (const sub of subs) {
      let latest = sub.values[sub.values.length - 1].checklistStatusChanged;
      while (latest.revision < final) latest = (await sub.next()).checklistStatusChanged;
      expect(latest).toEqual({ revision: final, closedCount: WRITERS });
      const revisions = sub.values.map((v) => v.checklistStatusChanged.revision);
      revisions.forEach((r, i) => i > 0 && expect(r).toBeGreaterThan(revisions[i - 1]));
    }
    expect(t.app.events.listenerPid).not.toBe(pids[0]);
    expect(b.app.events.listenerPid).not.toBe(pids[1]);
    for (const sub of subs) sub.dispose();
    for (const { client } of clients) await client.dispose();
  });
});
