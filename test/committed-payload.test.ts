import { Kind, OperationTypeNode, parse } from 'graphql';
import { Client } from 'pg';
import type { EntitySubscriberInterface } from 'typeorm';
import {
  contractText,
  operationRunner,
  operationSubscriber,
  type ContractTools,
} from './support/contract';
import { startTestApp, type TestApp } from './support/test-app';
import { checklistScenario } from './contract/checklist.scenario';
import { launchesScenario } from './contract/launches.scenario';
import { messagingScenario } from './contract/messaging.scenario';
import { peopleScenario } from './contract/people.scenario';
import { pricingScenario } from './contract/pricing.scenario';
import { readinessScenario } from './contract/readiness.scenario';

// Issue 11 item 2 / issue 15: a committed write is reported as committed. Every
// contract scenario runs with PostgreSQL cut away from the app right after each
// mutation's COMMIT (its connections terminated, new ones refused): the scenario's
// own assertions on every payload must still hold, so nothing a payload shows
// may be read after COMMIT.
// activity.graphql has no mutation.
const SCENARIOS: Record<string, (tools: ContractTools) => Promise<void>> = {
  'people.graphql': peopleScenario,
  'launches.graphql': launchesScenario,
  'checklist.graphql': checklistScenario,
  'messaging.graphql': messagingScenario,
  'pricing.graphql': pricingScenario,
  'readiness.graphql': readinessScenario,
};

function mutationNames(file: string): Set<string> {
  return new Set(
    parse(contractText(file)).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.MUTATION && d.name
        ? [d.name.value]
        : [],
    ),
  );
}

function databaseOf(t: TestApp): string {
  return new URL(t.databaseUrl).pathname.slice(1);
}

/**
 * Arms a cut: after the app's next COMMIT (awaited by TypeORM before the
 * transaction's caller goes on), the test database refuses connections and
 * every backend of the app is terminated (the test's own session stays). `restore` lets connections in again
 * and waits until the app answers.
 */
function cutAfterNextCommit(t: TestApp, admin: Client, keepPid: number) {
  const subscribers = t.app.dataSource.subscribers;
  const database = databaseOf(t);
  let cut = false;
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: async () => {
      if (cut) return;
      cut = true;
      subscribers.splice(subscribers.indexOf(subscriber), 1);
      // From the server's postgres database: a database cannot refuse its own session.
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2`,
        [database, keepPid],
      );
    },
  };
  subscribers.push(subscriber);
  return {
    cut: () => cut,
    restore: async () => {
      const armed = subscribers.indexOf(subscriber);
      if (armed >= 0) subscribers.splice(armed, 1);
      if (!cut) return;
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      // Until the pool has let go of its terminated connections and the listener is back.
      for (let i = 0; i < 100; i += 1) {
        const ready = await fetch(t.url.replace(/\/graphql$/, '/readyz'));
        if (ready.status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the app did not come back after the cut');
    },
  };
}

describe('a committed write is reported as committed (no read after COMMIT)', () => {
  it.each(Object.keys(SCENARIOS))(
    '%s: every mutation, with PostgreSQL cut right after its COMMIT, answers its full payload',
    async (file) => {
      const t = await startTestApp();
      const admin = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
      await admin.connect();
      // The test's own SQL session (t.sql) stays: scenarios read through it.
      const [{ pid }] = await t.sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const mutations = mutationNames(file);
      const run = operationRunner(t, file);
      const cutAfter = new Set<string>();
      const answered = new Set<string>();
      try {
        await SCENARIOS[file]({
          t,
          run: async (name, variables, token) => {
            if (!mutations.has(name)) return run(name, variables, token);
            const cut = cutAfterNextCommit(t, admin, pid);
            try {
              const res = await run(name, variables, token);
              if (cut.cut()) {
                cutAfter.add(name);
                // The answer was built with the database already gone: still the full payload.
                expect({ name, status: res.status, errors: res.errors }).toEqual({
                  name,
                  status: 200,
                  errors: undefined,
                });
              }
              if (!res.errors) answered.add(name);
              return res;
            } finally {
              await cut.restore();
            }
          },
          subscribe: operationSubscriber(t, file),
        });
      } finally {
        await admin.end();
      }
      // Every mutation that succeeded in the scenario was cut after its COMMIT at least once.
      expect([...cutAfter].sort()).toEqual([...answered].sort());
      expect(answered.size).toBe(mutations.size);
    },
    180_000,
  );
});
