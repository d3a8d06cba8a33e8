import type { EntityManager } from 'typeorm';
import { DEMO_FRESH_LAUNCH_ID } from './demo-launches';

const T = (n: string) => `d1000000-0000-4000-8000-0000000000${n}`;
const S = (n: string) => `d2000000-0000-4000-8000-0000000000${n}`;
const BILLING_LAUNCH_ID = 'b0000000-0000-4000-8000-000000000002';
const SSO_LAUNCH_ID = 'b0000000-0000-4000-8000-000000000004';

interface DemoTier {
  id: string;
  launchId: string;
  name: string;
  description: string;
  billingModel: 'FLAT' | 'PER_SEAT';
  monthly: number;
  annual: number | null;
  features: string[];
  position: number;
}

const tier = (
  launchId: string,
  position: number,
  id: string,
  name: string,
  billingModel: DemoTier['billingModel'],
  monthly: number,
  annual: number | null,
  description: string,
  features: string[],
): DemoTier => ({
  id,
  launchId,
  name,
  description,
  billingModel,
  monthly,
  annual,
  features,
  position,
});

/** Good / better / best packaging in USD minor units (cents). */
export const demoTiers: DemoTier[] = [
  tier(
    DEMO_FRESH_LAUNCH_ID,
    0,
    T('01'),
    'Free',
    'FLAT',
    0,
    null,
    'Try automations on a small team.',
    ['3 active automations', '100 runs per month'],
  ),
  tier(
    DEMO_FRESH_LAUNCH_ID,
    1,
    T('02'),
    'Team',
    'PER_SEAT',
    1200,
    12000,
    'For teams automating their hand-offs.',
    ['Unlimited automations', '5,000 runs per month', 'Slack and email actions'],
  ),
  tier(
    DEMO_FRESH_LAUNCH_ID,
    2,
    T('03'),
    'Business',
    'PER_SEAT',
    2500,
    25000,
    'For departments with audit needs.',
    ['Everything in Team', 'Audit trail', 'Role-based edit rights'],
  ),
  tier(
    DEMO_FRESH_LAUNCH_ID,
    3,
    T('04'),
    'Enterprise',
    'FLAT',
    150000,
    1500000,
    'For the whole company, with a contract.',
    ['Everything in Business', 'SSO and SCIM', 'Dedicated success manager'],
  ),
  tier(
    BILLING_LAUNCH_ID,
    0,
    T('11'),
    'Starter',
    'FLAT',
    0,
    null,
    'Pay only for metered API calls.',
    ['1,000 API calls included'],
  ),
  tier(
    BILLING_LAUNCH_ID,
    1,
    T('12'),
    'Growth',
    'PER_SEAT',
    1500,
    15000,
    'Seats plus metered calls.',
    ['50,000 API calls included', 'Spend alerts'],
  ),
  tier(
    BILLING_LAUNCH_ID,
    2,
    T('13'),
    'Enterprise',
    'FLAT',
    200000,
    2000000,
    'Committed spend with volume discounts.',
    ['Custom call bundles', 'Invoice billing'],
  ),
  tier(
    SSO_LAUNCH_ID,
    0,
    T('21'),
    'Team',
    'PER_SEAT',
    1000,
    10000,
    'SAML SSO now included on Team.',
    ['SAML SSO', 'Up to 3 identity providers'],
  ),
  tier(
    SSO_LAUNCH_ID,
    1,
    T('22'),
    'Enterprise',
    'FLAT',
    120000,
    1200000,
    'SSO with SCIM provisioning.',
    ['SAML SSO', 'SCIM provisioning', 'Audit log export'],
  ),
];

interface DemoScenario {
  id: string;
  name: string;
  notes: string;
  status: 'DRAFT' | 'APPLIED';
  annualPlanShare: string;
  monthlyChurnRate: string;
  horizonMonths: number;
  /** tier id -> [monthly override, annual override, customers, seats per customer] */
  lines: Record<string, [number | null, number | null, number, number]>;
}

const current: DemoScenario['lines'] = {
  [T('01')]: [null, null, 4000, 1],
  [T('02')]: [null, null, 620, 8],
  [T('03')]: [null, null, 140, 25],
  [T('04')]: [null, null, 12, 1],
};

/** Three what-ifs on the fresh TIER_1 launch; "Current" is the applied one (its prices are the live ones). */
export const demoScenarios: DemoScenario[] = [
  {
    id: S('01'),
    name: 'Current',
    notes: 'Live prices with the customer mix from the beta.',
    status: 'APPLIED',
    annualPlanShare: '0.35',
    monthlyChurnRate: '0.02',
    horizonMonths: 12,
    lines: current,
  },
  {
    id: S('02'),
    name: 'Raise Team 20 %',
    notes: 'Team to $14.40 per seat; we expect to lose about 10 % of Team sign-ups.',
    status: 'DRAFT',
    annualPlanShare: '0.35',
    monthlyChurnRate: '0.025',
    horizonMonths: 12,
    lines: { ...current, [T('02')]: [1440, 14400, 560, 8] },
  },
  {
    id: S('03'),
    name: 'Annual push',
    notes: 'Three months free on annual Team and Business plans.',
    status: 'DRAFT',
    annualPlanShare: '0.6',
    monthlyChurnRate: '0.015',
    horizonMonths: 24,
    lines: { ...current, [T('02')]: [null, 10800, 620, 8], [T('03')]: [null, 22500, 140, 25] },
  },
];

async function insertTiers(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO pricing_tiers (id, launch_id, name, description, billing_model, currency, monthly_price_cents, annual_price_cents, features, position)
     SELECT x.id, x.launch_id, x.name, x.description, x.billing_model, 'USD', x.monthly, x.annual, array(SELECT json_array_elements_text(x.features)), x.position
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::json[], $9::int[])
       AS x(id, launch_id, name, description, billing_model, monthly, annual, features, position)
     WHERE EXISTS (SELECT 1 FROM launches l WHERE l.id = x.launch_id)
     ON CONFLICT DO NOTHING`,
    [
      demoTiers.map((t) => t.id),
      demoTiers.map((t) => t.launchId),
      demoTiers.map((t) => t.name),
      demoTiers.map((t) => t.description),
      demoTiers.map((t) => t.billingModel),
      demoTiers.map((t) => t.monthly),
      demoTiers.map((t) => t.annual),
      demoTiers.map((t) => JSON.stringify(t.features)),
      demoTiers.map((t) => t.position),
    ],
  );
}

async function insertScenario(manager: EntityManager, s: DemoScenario): Promise<void> {
  await manager.query(
    `INSERT INTO pricing_scenarios (id, launch_id, name, notes, status, annual_plan_share, monthly_churn_rate, horizon_months, applied_at)
     SELECT $1, l.id, $2, $3, $4, $5::numeric, $6::numeric, $7, CASE WHEN $4 = 'APPLIED' THEN now() END
     FROM launches l WHERE l.id = $8
     ON CONFLICT DO NOTHING`,
    [
      s.id,
      s.name,
      s.notes,
      s.status,
      s.annualPlanShare,
      s.monthlyChurnRate,
      s.horizonMonths,
      DEMO_FRESH_LAUNCH_ID,
    ],
  );
  const tierIds = Object.keys(s.lines);
  // The scenario pins every tier of its launch at today's live prices (listed or with 0 customers);
  // only when the scenario is there (it may have been skipped above).
  await manager.query(
    `INSERT INTO pricing_scenario_tiers (scenario_id, tier_id, launch_id, listed, monthly_price_cents, annual_price_cents,
       expected_customers, seats_per_customer, live_billing_model, live_monthly_price_cents, live_annual_price_cents, live_price_tiers)
     SELECT sc.id, t.id, t.launch_id, x.tier_id IS NOT NULL, x.m, x.a, coalesce(x.c, 0), coalesce(x.s, 1),
       t.billing_model, t.monthly_price_cents, t.annual_price_cents, t.price_tiers
     FROM pricing_scenarios sc JOIN pricing_tiers t ON t.launch_id = sc.launch_id
     LEFT JOIN unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::int[], $6::int[]) AS x(tier_id, m, a, c, s) ON x.tier_id = t.id
     WHERE sc.id = $1
     ON CONFLICT DO NOTHING`,
    [
      s.id,
      tierIds,
      tierIds.map((id) => s.lines[id][0]),
      tierIds.map((id) => s.lines[id][1]),
      tierIds.map((id) => s.lines[id][2]),
      tierIds.map((id) => s.lines[id][3]),
    ],
  );
}

/** Demo tiers on three launches and three scenarios on the fresh TIER_1 launch; idempotent (fixed ids, ON CONFLICT DO NOTHING). */
export async function seedDemoPricing(manager: EntityManager): Promise<void> {
  await insertTiers(manager);
  for (const scenario of demoScenarios) await insertScenario(manager, scenario);
}
