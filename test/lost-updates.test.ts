import { formatReport, lostUpdateCheck } from '../bench/lost-updates';
import { startTestApp, type TestApp } from './support/test-app';

// The CI size of `npm run stress` (20 x 200): 20 clients x 20 optimistic edits each on a
// task, a launch and a messaging brief, all at once, over HTTP.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe('lost updates', () => {
  it('20 clients x 20 edits on a task, a launch and a brief: successes + conflicts = attempts, versions and activity rows agree', async () => {
    const reports = await lostUpdateCheck({
      gql: (query, variables) => t.gql(query, variables),
      sql: (text, params) => t.sql(text, params),
      clients: 20,
      edits: 20,
    });
    console.log(`lost updates, 20 x 20:\n${reports.map(formatReport).join('\n')}`);
    for (const report of reports) {
      expect(report.other).toEqual([]);
      expect(report.attempts).toBe(400);
      expect(report.successes + report.conflicts).toBe(report.attempts);
      expect(report.successes).toBeGreaterThan(0);
      expect(report.versionAfter - report.versionBefore).toBe(report.successes);
      expect(report.activityRows).toBe(report.successes);
    }
  }, 300_000);
});
