import type { EntityManager } from 'typeorm';
import { sql } from '../../core/db/sql';
import { toGlobalId } from '../../core/graphql/global-id';
import { DISCIPLINES, type Discipline } from '../people';
import {
  type ReadinessReasonCode,
  type ReadinessSeverity,
  REASON_CODES,
  requiredSignOffRows,
} from '../readiness';
import { type LaunchHealth, openTaskSql, type TaskPhase, TASK_PHASES } from './checklist.enums';
import type { ChecklistStatus } from './checklist-status.types';

interface StatusRow {
  launch_id: string;
  total: number;
  closed: number;
  percent: string;
  overdue: number;
  blocked: number;
  required_open: number;
  health: LaunchHealth;
  roles?: Array<{ role: Discipline; total: number; closed: number }> | null;
  phases: Array<{ phase: TaskPhase; total: number; closed: number; required_open: number }> | null;
  reasons: Array<{
    code: ReadinessReasonCode;
    severity: ReadinessSeverity;
    message: string;
    discipline: Discipline | null;
    task_id: string | null;
  }> | null;
  revision: number;
  updated_at: Date;
}

// Reasons per task: the most severe applies (equal severity: the first code in enum order).
const TASK_REASONS = `
  SELECT t.launch_id, t.id AS task_id, NULL::text AS discipline, t.due_date, t.title, r.code, r.severity, r.message
  FROM t CROSS JOIN LATERAL (SELECT * FROM (VALUES
    (1, 'REQUIRED_TASK_OVERDUE', 'BLOCKER', t.required AND t.overdue,
      format('Required task "%s" was due %s and is still open', t.title, t.due_date)),
    (2, 'TASK_BLOCKED', CASE WHEN t.required OR t.feeds THEN 'WARNING' ELSE 'INFO' END, t.status = 'BLOCKED',
      format('Task "%s" is blocked%s%s', t.title, ': ' || t.blocked_reason,
        CASE WHEN NOT t.required AND t.feeds THEN ' and holds up required work' ELSE '' END)),
    (3, 'REQUIRED_TASK_NOT_STARTED', 'WARNING',
      t.required AND t.status = 'TODO' AND NOT t.overdue AND t.due_date <= t.today + 7,
      format('Required task "%s" is due %s and not started', t.title, t.due_date)),
    (4, 'TASK_OVERDUE', CASE WHEN t.feeds THEN 'WARNING' ELSE 'INFO' END, NOT t.required AND t.overdue,
      format('Optional task "%s" was due %s%s', t.title, t.due_date,
        CASE WHEN t.feeds THEN ' and holds up required work' ELSE '' END))
  ) AS c(n, code, severity, applies, message)
  WHERE c.applies ORDER BY CASE c.severity WHEN 'BLOCKER' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, c.n
  LIMIT 1) r
  WHERE t.open AND t.active`;

// Reasons about the launch, its sign-offs and its decision.
const LAUNCH_REASONS = `
  SELECT ls.id, NULL::uuid, NULL::text, NULL::date, NULL::text, 'LAUNCH_DATE_PASSED', 'BLOCKER',
    format('The launch date %s has passed with %s required task(s) open', ls.launch_date, ls.required_open)
  FROM ls WHERE ls.active AND ls.launch_date < ls.today AND ls.required_open > 0
  UNION ALL
  SELECT ls.id, NULL, req.discipline, NULL, NULL, 'SIGN_OFF_MISSING', 'WARNING',
    format('%s has not signed off and the launch is %s', req.discipline,
      CASE WHEN ls.launch_date < ls.today THEN 'past its date' ELSE 'within 7 days' END)
  FROM ls JOIN req ON req.tier = ls.tier
  WHERE ls.in_window AND NOT EXISTS (SELECT 1 FROM so WHERE so.launch_id = ls.id AND so.discipline = req.discipline)
  UNION ALL
  SELECT so.launch_id, NULL, so.discipline, NULL, NULL, 'SIGN_OFF_NO_GO', 'BLOCKER',
    format('%s signed off NO_GO: %s', so.discipline, so.note)
  FROM so JOIN ls ON ls.id = so.launch_id WHERE ls.active AND so.verdict = 'NO_GO'
  UNION ALL
  SELECT so.launch_id, NULL, so.discipline, NULL, NULL, 'SIGN_OFF_STALE', 'WARNING',
    format('The %s sign-off (%s) is stale: what it vouched for changed', so.discipline, so.verdict)
  FROM so JOIN ls ON ls.id = so.launch_id WHERE ls.active AND so.stale AND so.verdict <> 'NO_GO'
  UNION ALL
  SELECT ls.id, NULL, NULL, NULL, NULL, 'DECISION_MISSING', 'WARNING',
    CASE WHEN dec.id IS NULL THEN 'No go/no-go decision yet and the launch is within 7 days'
      ELSE 'The current decision is NO_GO and the launch is within 7 days' END
  FROM ls LEFT JOIN dec ON dec.launch_id = ls.id
  WHERE ls.in_window AND (dec.id IS NULL OR dec.outcome = 'NO_GO')
  UNION ALL
  SELECT dec.launch_id, NULL, NULL, NULL, NULL, 'DECISION_STALE', 'WARNING',
    format('The %s decision is stale: %s', dec.outcome, array_to_string(dec.stale_reasons, ', '))
  FROM dec JOIN ls ON ls.id = dec.launch_id
  WHERE ls.active AND dec.outcome <> 'NO_GO' AND cardinality(dec.stale_reasons) > 0
  UNION ALL
  SELECT dec.launch_id, NULL, NULL, (c->>'dueDate')::date, c->>'description', 'CONDITION_OVERDUE', 'WARNING',
    format('Condition "%s" of the CONDITIONAL_GO was due %s', c->>'description', c->>'dueDate')
  FROM dec JOIN ls ON ls.id = dec.launch_id CROSS JOIN jsonb_array_elements(dec.conditions) c
  WHERE ls.active AND dec.outcome = 'CONDITIONAL_GO' AND (c->>'dueDate')::date < ls.today`;

/** Which parts of a status to compute; the per-role totals cost another pass over the tasks. */
export interface StatusParts {
  byOwnerRole: boolean;
}

const ROLES_SQL = `,
  (SELECT json_agg(json_build_object('role', g.owner_role, 'total', g.total, 'closed', g.closed))
     FROM (SELECT owner_role, count(*)::int AS total, count(*) FILTER (WHERE NOT open)::int AS closed
           FROM t WHERE t.launch_id = agg.launch_id GROUP BY owner_role) g) AS roles`;

// The status statement's CTEs: the launches asked for, their tasks, sign-offs, decision,
// reasons and counts.
const STATUS_CTES = `
WITH RECURSIVE
ls AS (
  SELECT l.id, l.tier, l.status, l.launch_date, l.checklist_revision AS revision,
    l.checklist_updated_at AS updated_at, (now() AT TIME ZONE 'UTC')::date AS today,
    l.status <> 'CANCELLED' AS active,
    l.status IN ('PLANNING','READY') AND l.launch_date <= (now() AT TIME ZONE 'UTC')::date + 7 AS in_window,
    (SELECT count(*) FROM tasks x WHERE x.launch_id = l.id AND x.required
       AND ${openTaskSql('x.status')})::int AS required_open
  FROM launches l WHERE l.id = ANY($1::uuid[])),
req(tier, discipline) AS (SELECT * FROM unnest($2::text[], $3::text[])),
feeds(id) AS (
  SELECT d.depends_on_id FROM task_dependencies d JOIN tasks r ON r.id = d.task_id
  WHERE r.launch_id = ANY($1::uuid[]) AND r.required AND ${openTaskSql('r.status')}
  UNION SELECT d.depends_on_id FROM task_dependencies d JOIN feeds f ON d.task_id = f.id),
t AS (
  SELECT x.*, ls.today, ls.active, ${openTaskSql('x.status')} AS open,
    ${openTaskSql('x.status')} AND x.due_date < ls.today AS overdue,
    EXISTS (SELECT 1 FROM feeds WHERE feeds.id = x.id) AS feeds
  FROM ls CROSS JOIN LATERAL (SELECT * FROM tasks WHERE tasks.launch_id = ls.id) x),
so AS (
  SELECT DISTINCT ON (launch_id, discipline) * FROM launch_sign_offs
  WHERE launch_id = ANY($1::uuid[]) ORDER BY launch_id, discipline, position DESC),
dec AS (
  SELECT DISTINCT ON (launch_id) * FROM launch_decisions
  WHERE launch_id = ANY($1::uuid[]) ORDER BY launch_id, position DESC),
reasons(launch_id, task_id, discipline, due_date, title, code, severity, message) AS (
  ${TASK_REASONS}
  UNION ALL ${LAUNCH_REASONS}),
agg AS (
  SELECT ls.id AS launch_id, ls.status, ls.revision, ls.updated_at, ls.required_open,
    count(t.id)::int AS total,
    count(t.id) FILTER (WHERE NOT t.open)::int AS closed,
    count(t.id) FILTER (WHERE t.overdue)::int AS overdue,
    count(t.id) FILTER (WHERE t.status = 'BLOCKED')::int AS blocked
  FROM ls LEFT JOIN t ON t.launch_id = ls.id
  GROUP BY ls.id, ls.status, ls.revision, ls.updated_at, ls.required_open)`;

/**
 * One statement for any number of launches: counts, reasons, health and
 * per-phase (and, when asked, per-role) totals. Each launch's tasks are read
 * through the launch_id index (LATERAL), so the cost follows the launches
 * asked for, not the size of the tasks table.
 */
function statusSql(parts: StatusParts): string {
  return `${STATUS_CTES}
SELECT agg.launch_id, agg.total, agg.closed, agg.overdue, agg.blocked, agg.required_open,
  agg.revision, agg.updated_at,
  CASE WHEN agg.total = 0 THEN 0 ELSE round(100.0 * agg.closed / agg.total, 1) END::text AS percent,
  CASE WHEN agg.status = 'CANCELLED' THEN 'INACTIVE'
       WHEN EXISTS (SELECT 1 FROM reasons r WHERE r.launch_id = agg.launch_id AND r.severity = 'BLOCKER') THEN 'OFF_TRACK'
       WHEN EXISTS (SELECT 1 FROM reasons r WHERE r.launch_id = agg.launch_id AND r.severity = 'WARNING') THEN 'AT_RISK'
       WHEN agg.required_open = 0 THEN 'COMPLETE'
       ELSE 'ON_TRACK' END AS health,
  (SELECT json_agg(json_build_object('code', r.code, 'severity', r.severity, 'message', r.message,
       'discipline', r.discipline, 'task_id', r.task_id)
     ORDER BY CASE r.severity WHEN 'BLOCKER' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END,
       array_position($4::text[], r.code), r.due_date NULLS FIRST, array_position($5::text[], r.discipline),
       r.title, r.task_id)
   FROM reasons r WHERE r.launch_id = agg.launch_id) AS reasons,
  (SELECT json_agg(json_build_object('phase', g.phase, 'total', g.total, 'closed', g.closed,
       'required_open', g.required_open))
     FROM (SELECT phase, count(*)::int AS total, count(*) FILTER (WHERE NOT open)::int AS closed,
             count(*) FILTER (WHERE open AND required)::int AS required_open
           FROM t WHERE t.launch_id = agg.launch_id GROUP BY phase) g) AS phases
  ${parts.byOwnerRole ? ROLES_SQL : ''}
FROM agg`;
}

const STATUS_SQL = {
  full: statusSql({ byOwnerRole: true }),
  lean: statusSql({ byOwnerRole: false }),
};

function toStatus(row: StatusRow): ChecklistStatus {
  const roles = (row.roles ?? [])
    .map((r) => ({ role: r.role, totalCount: r.total, closedCount: r.closed }))
    .sort((a, b) => DISCIPLINES.indexOf(a.role) - DISCIPLINES.indexOf(b.role));
  const phases = (row.phases ?? [])
    .map((p) => ({
      phase: p.phase,
      totalCount: p.total,
      closedCount: p.closed,
      requiredOpenCount: p.required_open,
    }))
    .sort((a, b) => TASK_PHASES.indexOf(a.phase) - TASK_PHASES.indexOf(b.phase));
  return {
    id: toGlobalId('ChecklistStatus', row.launch_id),
    launchId: toGlobalId('Launch', row.launch_id),
    totalCount: row.total,
    closedCount: row.closed,
    percentComplete: Number(row.percent),
    overdueCount: row.overdue,
    blockedCount: row.blocked,
    requiredOpenCount: row.required_open,
    health: row.health,
    reasons: (row.reasons ?? []).map((r) => ({
      code: r.code,
      severity: r.severity,
      message: r.message,
      discipline: r.discipline,
      taskId: r.task_id,
    })),
    byOwnerRole: roles,
    byPhase: phases,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

/** The status statement and its parameters (the bench's raw baseline runs it as it is). */
export function checklistStatusQuery(
  launchIds: readonly string[],
  parts: StatusParts = { byOwnerRole: true },
): { text: string; params: unknown[] } {
  const required = requiredSignOffRows();
  return {
    text: parts.byOwnerRole ? STATUS_SQL.full : STATUS_SQL.lean,
    params: [[...launchIds], required.tiers, required.disciplines, REASON_CODES, DISCIPLINES],
  };
}

/**
 * Checklist statuses for many launches in one statement; missing launches
 * are absent from the map. Without `byOwnerRole` the per-role totals are not
 * computed and `byOwnerRole` is an empty list (for readers that do not select it).
 */
export async function loadChecklistStatuses(
  manager: EntityManager,
  launchIds: readonly string[],
  parts: StatusParts = { byOwnerRole: true },
): Promise<Map<string, ChecklistStatus>> {
  const status = checklistStatusQuery(launchIds, parts);
  const rows = await sql<StatusRow>(manager, status.text, status.params);
  return new Map(rows.map((row) => [row.launch_id, toStatus(row)]));
}
