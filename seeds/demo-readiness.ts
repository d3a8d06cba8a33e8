import type { EntityManager } from 'typeorm';

const P = (n: string) => `a0000000-0000-4000-8000-0000000000${n}`;
const BILLING = 'b0000000-0000-4000-8000-000000000002';
const DARK_MODE = 'b0000000-0000-4000-8000-000000000003';
const SSO = 'b0000000-0000-4000-8000-000000000004';
const S = (n: string) => `c1000000-0000-4000-8000-0000000000${n}`;
const D = (n: string) => `c2000000-0000-4000-8000-0000000000${n}`;

/** [id, launch, discipline, verdict, note, signed by, stale] */
const SIGN_OFFS: Array<[string, string, string, string, string | null, string, boolean]> = [
  [S('01'), DARK_MODE, 'PM', 'GO', null, P('02'), false],
  [
    S('02'),
    DARK_MODE,
    'PMM',
    'CONCERNS',
    'Release notes still show the old screenshots',
    P('05'),
    false,
  ],
  // Usage-based Billing: SUPPORT has not signed; the date moved after the others signed.
  [S('03'), BILLING, 'PM', 'GO', null, P('03'), true],
  [S('04'), BILLING, 'PMM', 'GO', null, P('05'), true],
  [S('05'), BILLING, 'ENGINEERING', 'GO', null, P('06'), true],
  [S('06'), SSO, 'PM', 'GO', null, P('03'), false],
  [S('07'), SSO, 'PMM', 'GO', null, P('04'), false],
  [S('08'), SSO, 'ENGINEERING', 'GO', null, P('06'), false],
  [S('09'), SSO, 'SUPPORT', 'GO', null, P('0b'), false],
];

/**
 * Readiness demo: Dark Mode READY on a CONDITIONAL_GO with one open condition;
 * Usage-based Billing a week out with SUPPORT's sign-off missing and a GO made
 * stale by a date move; SSO for Teams launched on a GO.
 */
export async function seedDemoReadiness(manager: EntityManager): Promise<void> {
  for (const [id, launch, discipline, verdict, note, by, stale] of SIGN_OFFS) {
    await manager.query(
      `INSERT INTO launch_sign_offs (id, launch_id, discipline, verdict, note, signed_by_id, stale, signed_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, now() - interval '2 days' WHERE EXISTS (SELECT 1 FROM launches WHERE id = $2)
       ON CONFLICT (id) DO NOTHING`,
      [id, launch, discipline, verdict, note, by, stale],
    );
  }
  const decisions: Array<[string, string, string, string, string, unknown[], string[]]> = [
    [
      D('01'),
      DARK_MODE,
      'CONDITIONAL_GO',
      'Ready; ship with the new screenshots in the release notes.',
      P('02'),
      [{ description: 'Release notes updated with dark-theme screenshots', ownerId: P('05') }],
      [],
    ],
    [
      D('02'),
      BILLING,
      'GO',
      'Go for the original date; the date has since moved a week.',
      P('03'),
      [],
      ['LAUNCH_DATE_MOVED'],
    ],
    [D('03'), SSO, 'GO', 'All functions signed off; shipped on schedule.', P('03'), [], []],
  ];
  for (const [id, launch, outcome, rationale, by, conditions, stale] of decisions) {
    await manager.query(
      `INSERT INTO launch_decisions (id, launch_id, outcome, rationale, decided_by_id, conditions, stale_reasons, decided_at)
       SELECT $1, l.id, $3, $4, $5,
         (SELECT coalesce(jsonb_agg(c || jsonb_build_object('dueDate', l.launch_date)), '[]'::jsonb)
            FROM jsonb_array_elements($6::jsonb) c),
         $7::text[], now() - interval '1 day'
       FROM launches l WHERE l.id = $2 ON CONFLICT (id) DO NOTHING`,
      [id, launch, outcome, rationale, by, JSON.stringify(conditions), stale],
    );
  }
  await manager.query(
    `UPDATE launches SET launched_at = launch_date::timestamptz + interval '9 hours'
     WHERE id = $1 AND launched_at IS NULL`,
    [SSO],
  );
}
