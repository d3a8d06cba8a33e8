import type { EntityManager } from 'typeorm';
import { DEMO_FRESH_LAUNCH_ID } from './demo-launches';

const SAM = 'a0000000-0000-4000-8000-000000000004';

interface DemoBrief {
  id: string;
  audience: string;
  status: 'APPROVED' | 'IN_REVIEW';
  positioning: Record<string, string>;
  statement: string;
  pillars: Array<{ title: string; description: string; proofPoints: string[] }>;
  keyMessages: string[];
  alternatives: string[];
  callToAction: string;
}

const briefs: DemoBrief[] = [
  {
    id: 'c0000000-0000-4000-8000-000000000001',
    audience: 'Heads of Product at mid-market SaaS',
    status: 'APPROVED',
    positioning: {
      targetCustomer: 'heads of product at 200–2,000-person SaaS companies',
      need: 'lose days every sprint to hand-offs between tools',
      productName: 'Workflow Automations',
      category: 'no-code automation layer',
      keyBenefit: 'turns recurring hand-offs into rules anyone on the team can own',
      primaryAlternative: 'Zapier chains and bespoke scripts',
      differentiator:
        'automations run on your product data with audit trails and permissions built in',
    },
    statement:
      'For heads of product at 200–2,000-person SaaS companies who lose days every sprint to hand-offs between tools, Workflow Automations is a no-code automation layer that turns recurring hand-offs into rules anyone on the team can own. Unlike Zapier chains and bespoke scripts, automations run on your product data with audit trails and permissions built in.',
    pillars: [
      {
        title: 'Ship faster',
        description: 'Remove the waiting between steps.',
        proofPoints: ['Beta teams cut triage time by 38 %', 'Median setup: 11 minutes'],
      },
      {
        title: 'Stay in control',
        description: 'Every rule is versioned and permissioned.',
        proofPoints: ['SOC 2 Type II audit trail', 'Role-based edit rights'],
      },
    ],
    keyMessages: [
      'Automate the hand-offs, keep the judgement.',
      'Built on your product data, not on screen-scraping.',
      'Included on every paid plan from day one.',
    ],
    alternatives: ['Zapier', 'Internal scripts', 'Doing it by hand'],
    callToAction: 'Turn on your first automation from a template in under 15 minutes.',
  },
  {
    id: 'c0000000-0000-4000-8000-000000000002',
    audience: 'RevOps leaders',
    status: 'IN_REVIEW',
    positioning: {},
    statement:
      'For RevOps leaders who stitch CRM, billing and support together by hand, Workflow Automations keeps every system in step the moment a deal, invoice or ticket changes.',
    pillars: [
      {
        title: 'One source of truth',
        description: 'Changes flow both ways between CRM and billing.',
        proofPoints: ['Native Salesforce and HubSpot triggers'],
      },
    ],
    keyMessages: [
      'No more Friday reconciliation spreadsheets.',
      'Alerts when a renewal is at risk, not after it churns.',
    ],
    alternatives: ['RevOps contractors', 'iPaaS suites'],
    callToAction: 'Book a 20-minute RevOps workflow review.',
  },
];

/** Two briefs for the fresh TIER_1 launch: one APPROVED, one IN_REVIEW (idempotent). */
export async function seedDemoMessaging(manager: EntityManager): Promise<void> {
  for (const b of briefs) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO messaging_briefs (id, launch_id, audience, owner_id, status, revision)
       VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [b.id, DEMO_FRESH_LAUNCH_ID, b.audience, SAM, b.status],
    );
    if (inserted.length === 0) continue;
    await manager.query(
      `INSERT INTO messaging_brief_revisions (brief_id, revision, status, audience, positioning_statement, positioning,
         value_pillars, key_messages, competitive_alternatives, call_to_action, author_id, submitted_at, approved_by_id, approved_at)
       VALUES ($1, 1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, now(),
         CASE WHEN $2 = 'APPROVED' THEN $10::uuid END, CASE WHEN $2 = 'APPROVED' THEN now() END)`,
      [
        b.id,
        b.status,
        b.audience,
        b.statement,
        Object.keys(b.positioning).length ? JSON.stringify(b.positioning) : null,
        JSON.stringify(b.pillars),
        JSON.stringify(b.keyMessages),
        JSON.stringify(b.alternatives),
        b.callToAction,
        SAM,
      ],
    );
  }
}
