import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { sql } from '../../core/db/sql';
import { toGlobalId } from '../../core/graphql/global-id';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { DISCIPLINES, Discipline } from '../people/people.enums';
import { LaunchHealth } from './checklist.enums';

@ObjectType({
  simpleResolvers: true,
  description: 'Progress of one discipline on a launch checklist.',
})
export class RoleProgress {
  @Field(() => Discipline, { description: 'The owner discipline.' })
  role: Discipline;

  @Field(() => Int, { description: 'Tasks this discipline owns.' })
  totalCount: number;

  @Field(() => Int, { description: 'Of those, closed (DONE or SKIPPED).' })
  closedCount: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A launch checklist at a glance, computed from its tasks (never stored by hand).',
})
export class ChecklistStatus {
  @Field(() => ID, { description: 'The launch.' })
  launchId: string;

  @Field(() => Int, { description: 'All tasks.' })
  totalCount: number;

  @Field(() => Int, { description: 'Closed tasks (DONE or SKIPPED).' })
  closedCount: number;

  @Field(() => Float, {
    description:
      '100 x closed / total, rounded half away from zero to one decimal; 0 without tasks.',
  })
  percentComplete: number;

  @Field(() => Int, { description: 'Open tasks whose due date is before today (UTC).' })
  overdueCount: number;

  @Field(() => Int, { description: 'Tasks in BLOCKED.' })
  blockedCount: number;

  @Field(() => Int, { description: 'Required tasks still open.' })
  requiredOpenCount: number;

  @Field(() => LaunchHealth, { description: 'Overall health; see LaunchHealth.' })
  health: LaunchHealth;

  @Field(() => [RoleProgress], {
    description: 'Total and closed per discipline present, in Discipline order.',
  })
  byOwnerRole: RoleProgress[];

  @Field(() => Int, { description: 'Goes up by one with every committed change to the checklist.' })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the checklist last changed.' })
  updatedAt: Date;
}

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
  revision: number;
  updated_at: Date;
}

/** Which parts of a status to compute; the per-role totals cost a second pass over the tasks. */
export interface StatusParts {
  byOwnerRole: boolean;
}

const ROLES_SQL = `,
  (SELECT json_agg(json_build_object('role', r.owner_role, 'total', r.total, 'closed', r.closed))
     FROM (SELECT owner_role, count(*)::int AS total,
                  count(*) FILTER (WHERE status IN ('DONE','SKIPPED'))::int AS closed
           FROM tasks WHERE launch_id = l.id GROUP BY owner_role) r) AS roles`;

/**
 * One statement for any number of launches. The counts are a LATERAL
 * aggregate per launch over `tasks WHERE launch_id = l.id`, so PostgreSQL
 * reads each page launch's tasks through the launch_id index: the cost
 * follows the launches asked for, not the size of the tasks table.
 */
function statusSql(parts: StatusParts): string {
  return `
SELECT l.id AS launch_id, l.checklist_revision AS revision, l.checklist_updated_at AS updated_at,
  s.total, s.closed, s.overdue, s.blocked, s.required_open,
  CASE WHEN s.total = 0 THEN 0 ELSE round(100.0 * s.closed / s.total, 1) END::text AS percent,
  CASE WHEN s.required_open = 0 THEN 'COMPLETE'
       WHEN s.required_overdue OR l.launch_date < today.d THEN 'OFF_TRACK'
       WHEN s.troubled OR s.required_due_soon THEN 'AT_RISK'
       ELSE 'ON_TRACK' END AS health${parts.byOwnerRole ? ROLES_SQL : ''}
FROM launches l
CROSS JOIN (SELECT (now() AT TIME ZONE 'UTC')::date AS d) today
CROSS JOIN LATERAL (
  SELECT count(*)::int AS total,
    count(*) FILTER (WHERE t.status IN ('DONE','SKIPPED'))::int AS closed,
    count(*) FILTER (WHERE t.status NOT IN ('DONE','SKIPPED') AND t.due_date < today.d)::int AS overdue,
    count(*) FILTER (WHERE t.status = 'BLOCKED')::int AS blocked,
    count(*) FILTER (WHERE t.required AND t.status NOT IN ('DONE','SKIPPED'))::int AS required_open,
    coalesce(bool_or(t.required AND t.status NOT IN ('DONE','SKIPPED') AND t.due_date < today.d), false) AS required_overdue,
    coalesce(bool_or(t.status = 'BLOCKED' OR (t.status NOT IN ('DONE','SKIPPED') AND t.due_date < today.d)), false) AS troubled,
    coalesce(bool_or(t.required AND t.status = 'TODO' AND t.due_date <= today.d + 7), false) AS required_due_soon
  FROM tasks t WHERE t.launch_id = l.id
) s
WHERE l.id = ANY($1::uuid[])`;
}

const STATUS_SQL = {
  full: statusSql({ byOwnerRole: true }),
  lean: statusSql({ byOwnerRole: false }),
};

function toStatus(row: StatusRow): ChecklistStatus {
  const roles = (row.roles ?? [])
    .map((r) => ({ role: r.role, totalCount: r.total, closedCount: r.closed }))
    .sort((a, b) => DISCIPLINES.indexOf(a.role) - DISCIPLINES.indexOf(b.role));
  return {
    launchId: toGlobalId('Launch', row.launch_id),
    totalCount: row.total,
    closedCount: row.closed,
    percentComplete: Number(row.percent),
    overdueCount: row.overdue,
    blockedCount: row.blocked,
    requiredOpenCount: row.required_open,
    health: row.health,
    byOwnerRole: roles,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

/**
 * Checklist statuses for many launches in one statement; missing launches
 * are absent from the map. Without `byOwnerRole` the per-role totals are
 * not computed and `byOwnerRole` is an empty list (for readers that do not
 * select it).
 */
export async function loadChecklistStatuses(
  manager: EntityManager,
  launchIds: readonly string[],
  parts: StatusParts = { byOwnerRole: true },
): Promise<Map<string, ChecklistStatus>> {
  const text = parts.byOwnerRole ? STATUS_SQL.full : STATUS_SQL.lean;
  const rows = await sql<StatusRow>(manager, text, [[...launchIds]]);
  return new Map(rows.map((row) => [row.launch_id, toStatus(row)]));
}
