import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoAdminToken, seedDemoData } from '../seeds';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoData(t.app.dataSource);
  await seedDemoData(t.app.dataSource); // idempotent: a second run changes nothing
});
afterAll(() => t.dispose());

describe('demo data', () => {
  it('is a demo organisation of at least 10 people across the disciplines, loaded once', async () => {
    const rows = await t.sql<{ discipline: string; n: number }>(
      'SELECT discipline, count(*)::int AS n FROM people GROUP BY discipline',
    );
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(10);
    expect(rows.map((r) => r.discipline).sort()).toEqual(
      expect.arrayContaining([
        'DESIGN',
        'ENGINEERING',
        'LEGAL',
        'MARKETING',
        'PM',
        'PMM',
        'SALES',
        'SUPPORT',
      ]),
    );
    const tasks = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM tasks');
    await seedDemoData(t.app.dataSource);
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0].n).toBe(
      tasks[0].n,
    );
  });

  it('puts launches of every tier on the board: a fresh TIER_1, one AT_RISK with blocked and overdue tasks, one READY, one LAUNCHED', async () => {
    const res = await t.gql(`{ launches(first: 20) { totalCount edges { node { name tier status
      pmOwner { discipline } pmmOwner { discipline }
      checklistStatus { totalCount closedCount blockedCount overdueCount health } } } } }`);
    const nodes = res.data!.launches.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(4);
    expect(new Set(nodes.map((n: any) => n.tier))).toEqual(new Set(['TIER_1', 'TIER_2', 'TIER_3']));
    for (const n of nodes)
      expect([n.pmOwner.discipline, n.pmmOwner.discipline]).toEqual(['PM', 'PMM']);
    const fresh = nodes.find((n: any) => n.tier === 'TIER_1');
    expect(fresh).toMatchObject({
      status: 'PLANNING',
      checklistStatus: { closedCount: 0, health: 'ON_TRACK' },
    });
    const atRisk = nodes.find((n: any) => n.checklistStatus.health === 'AT_RISK');
    if (!atRisk)
      throw new Error(JSON.stringify(nodes.map((n: any) => [n.name, n.checklistStatus])));
    expect(atRisk.checklistStatus.blockedCount).toBeGreaterThan(0);
    expect(atRisk.checklistStatus.overdueCount).toBeGreaterThan(0);
    expect(
      nodes.some((n: any) => n.status === 'READY' && n.checklistStatus.health === 'COMPLETE'),
    ).toBe(true);
    expect(nodes.some((n: any) => n.status === 'LAUNCHED')).toBe(true);
  });

  it('shows readiness: one READY launch on a CONDITIONAL_GO with one open condition; one PLANNING launch a week out with a missing sign-off and a stale decision, with their reasons', async () => {
    const res = await t.gql(`{ launches(first: 20) { edges { node { name status launchDate
      checklistStatus { health reasons { code severity discipline } }
      currentDecision { outcome stale staleReasons conditions { description dueDate } } } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.launches.edges.map((e: any) => e.node);
    const conditional = nodes.filter(
      (n: any) => n.status === 'READY' && n.currentDecision?.outcome === 'CONDITIONAL_GO',
    );
    expect(conditional).toHaveLength(1);
    expect(conditional[0].currentDecision.stale).toBe(false);
    expect(conditional[0].currentDecision.conditions).toHaveLength(1);

    const weekOut = nodes.find(
      (n: any) =>
        n.status === 'PLANNING' &&
        n.currentDecision?.stale === true &&
        n.checklistStatus.reasons.some((r: any) => r.code === 'SIGN_OFF_MISSING'),
    );
    if (!weekOut) throw new Error(JSON.stringify(nodes.map((n: any) => [n.name, n.status])));
    const days =
      (Date.parse(weekOut.launchDate) - Date.parse(new Date().toISOString().slice(0, 10))) /
      86_400_000;
    expect(days).toBeGreaterThanOrEqual(1);
    expect(days).toBeLessThanOrEqual(7);
    expect(weekOut.currentDecision.staleReasons).toContain('LAUNCH_DATE_MOVED');
    expect(weekOut.checklistStatus.reasons).toEqual(
      expect.arrayContaining([
        { code: 'SIGN_OFF_MISSING', severity: 'WARNING', discipline: 'SUPPORT' },
        expect.objectContaining({ code: 'DECISION_STALE', severity: 'WARNING' }),
      ]),
    );
    expect(weekOut.checklistStatus.health).not.toBe('ON_TRACK');
  });

  it('keeps the demo admin token in the data directory, the same on every start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-token-'));
    const first = await ensureDemoAdminToken(t.app.dataSource, dir);
    const second = await ensureDemoAdminToken(t.app.dataSource, dir);
    expect(second).toBe(first);
    const me = await t.gql(`{ me { name accessLevel } }`, {}, first);
    expect(me.data!.me).toEqual({ name: 'Jordan Blake', accessLevel: 'ADMIN' });
  });
});
