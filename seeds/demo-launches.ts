import type { EntityManager } from 'typeorm';
import { instantiateTemplate, openTaskSql } from '../src/modules/checklist';
import type { LaunchTier } from '../src/modules/launches';

const P = (n: string) => `a0000000-0000-4000-8000-0000000000${n}`;
const AVERY = P('02');
const PRIYA = P('03');
const SAM = P('04');
const LENA = P('05');
const DIEGO = P('06');
const CHLOE = P('0b');

type TaskPlan = Record<string, { status: string; assignee?: string; blockedReason?: string }>;

interface DemoLaunch {
  id: string;
  name: string;
  product: string;
  summary: string;
  tier: LaunchTier;
  /** Days from the seeding day, so the board always looks current. */
  launchInDays: number;
  status: string;
  pm: string;
  pmm: string;
  /** Every task not listed stays TODO; `*` applies to all others. */
  tasks: TaskPlan;
}

export const DEMO_FRESH_LAUNCH_ID = 'b0000000-0000-4000-8000-000000000001';

/** Four launches across tiers and statuses: fresh TIER_1, AT_RISK, READY, LAUNCHED, plus a CANCELLED one. */
export const demoLaunches: DemoLaunch[] = [
  {
    id: DEMO_FRESH_LAUNCH_ID,
    name: 'Workflow Automations GA',
    product: 'Automations',
    summary:
      'No-code workflow automations for every plan: triggers, conditions and 40 built-in actions.',
    tier: 'TIER_1' as LaunchTier,
    launchInDays: 84,
    status: 'PLANNING',
    pm: AVERY,
    pmm: SAM,
    tasks: {},
  },
  {
    id: 'b0000000-0000-4000-8000-000000000002',
    name: 'Usage-based Billing',
    product: 'Billing',
    summary: 'Metered pricing for API calls alongside seats, with spend alerts for admins.',
    tier: 'TIER_2' as LaunchTier,
    launchInDays: 7,
    status: 'PLANNING',
    pm: PRIYA,
    pmm: LENA,
    tasks: {
      'requirements-signed-off': { status: 'DONE' },
      'positioning-messaging-approved': { status: 'DONE' },
      'designs-finalised': { status: 'DONE' },
      'early-access-feedback-reviewed': { status: 'DONE' },
      'security-review-completed': { status: 'DONE', assignee: DIEGO },
      'plan-entitlements-confirmed': { status: 'DONE' },
      'legal-claims-reviewed': { status: 'IN_PROGRESS' },
      'code-freeze': { status: 'DONE', assignee: DIEGO },
      'sales-one-pager-published': { status: 'DONE' },
      'help-centre-articles-written': { status: 'DONE', assignee: CHLOE },
      'support-team-briefed': { status: 'DONE', assignee: CHLOE },
      'go-no-go-decision': {
        status: 'BLOCKED',
        blockedReason: 'Support has not signed off the metered-billing help articles',
      },
    },
  },
  {
    id: 'b0000000-0000-4000-8000-000000000003',
    name: 'Dark Mode',
    product: 'Web app',
    summary: 'A system-aware dark theme across the web app and emails.',
    tier: 'TIER_3' as LaunchTier,
    launchInDays: 4,
    status: 'READY',
    pm: AVERY,
    pmm: LENA,
    tasks: {
      'scope-and-date-confirmed': { status: 'DONE' },
      'qa-sign-off': { status: 'DONE', assignee: DIEGO },
      'release-notes-drafted': { status: 'DONE' },
      'help-article-updated': { status: 'DONE', assignee: CHLOE },
      'feature-flag-rollout': { status: 'DONE' },
    },
  },
  {
    id: 'b0000000-0000-4000-8000-000000000004',
    name: 'SSO for Teams',
    product: 'Identity',
    summary: 'SAML single sign-on on the Team plan, not just Enterprise.',
    tier: 'TIER_2' as LaunchTier,
    launchInDays: -20,
    status: 'LAUNCHED',
    pm: PRIYA,
    pmm: SAM,
    tasks: { '*': { status: 'DONE' }, 'sales-team-briefed': { status: 'SKIPPED' } },
  },
  {
    id: 'b0000000-0000-4000-8000-000000000005',
    name: 'Mobile Offline Sync',
    product: 'Mobile',
    summary: 'Offline edits on iOS and Android, synced when back online.',
    tier: 'TIER_3' as LaunchTier,
    launchInDays: 30,
    status: 'CANCELLED',
    pm: AVERY,
    pmm: SAM,
    tasks: { 'scope-and-date-confirmed': { status: 'DONE' } },
  },
];

async function applyTaskPlan(
  manager: EntityManager,
  launchId: string,
  plan: TaskPlan,
): Promise<void> {
  const fallback = plan['*'];
  const keys = Object.keys(plan).filter((k) => k !== '*');
  if (fallback) {
    await manager.query(
      `UPDATE tasks SET status = $2, completed_at = CASE WHEN NOT ${openTaskSql('$2')} THEN now() END
       WHERE launch_id = $1 AND NOT (template_key = ANY($3::text[]))`,
      [launchId, fallback.status, keys],
    );
  }
  for (const key of keys) {
    const { status, assignee, blockedReason } = plan[key];
    await manager.query(
      `UPDATE tasks SET status = $3, assignee_id = coalesce($4::uuid, assignee_id), blocked_reason = $5,
         completed_at = CASE WHEN NOT ${openTaskSql('$3')} THEN now() END
       WHERE launch_id = $1 AND template_key = $2`,
      [launchId, key, status, assignee ?? null, blockedReason ?? null],
    );
  }
}

/** Inserts each demo launch that is not there yet, with its template tasks in their demo states. */
export async function seedDemoLaunches(manager: EntityManager): Promise<void> {
  for (const demo of demoLaunches) {
    const inserted: Array<{ id: string; launch_date: string }> = await manager.query(
      `INSERT INTO launches (id, name, product, summary, tier, launch_date, status, pm_owner_id, pmm_owner_id, checklist_revision)
       VALUES ($1, $2, $3, $4, $5, (now() AT TIME ZONE 'UTC')::date + $6::int, $7, $8, $9, 1)
       ON CONFLICT (id) DO NOTHING RETURNING id, launch_date`,
      [
        demo.id,
        demo.name,
        demo.product,
        demo.summary,
        demo.tier,
        demo.launchInDays,
        demo.status,
        demo.pm,
        demo.pmm,
      ],
    );
    if (inserted.length === 0) continue;
    await instantiateTemplate(
      manager,
      {
        id: demo.id,
        tier: demo.tier,
        launchDate: inserted[0].launch_date,
        pmOwnerId: demo.pm,
        pmmOwnerId: demo.pmm,
      },
      { deterministicIds: true },
    );
    await applyTaskPlan(manager, demo.id, demo.tasks);
    await manager.query(
      `WITH s AS (UPDATE launches SET activity_seq = 1 WHERE id = $1 RETURNING id)
       INSERT INTO launch_activity (launch_id, seq, type, actor_id, subject_id, summary)
       SELECT $1, 1, 'LAUNCH_CREATED', $2, $3, (SELECT name FROM people WHERE id = $2) || ' created launch ''' || $4 || ''' (demo data)' FROM s`,
      [demo.id, demo.pm, Buffer.from(`Launch:${demo.id}`).toString('base64url'), demo.name],
    );
  }
}
