import type { EntityManager } from 'typeorm';
import { sql } from '../../core/db/sql';
import { Discipline } from '../people/people.enums';
import { templateFor } from './checklist-templates';
import { templateDueDate } from './due-dates';

interface LaunchForTemplate {
  id: string;
  tier: Parameters<typeof templateFor>[0];
  launchDate: string;
  pmOwnerId: string;
  pmmOwnerId: string;
}

function assigneeFor(role: Discipline, launch: LaunchForTemplate): string | null {
  if (role === Discipline.PM) return launch.pmOwnerId;
  if (role === Discipline.PMM) return launch.pmmOwnerId;
  return null;
}

/**
 * Creates the tier's tasks in two statements whatever the template size: one
 * INSERT of every task, one INSERT of every dependency edge.
 */
export async function instantiateTemplate(
  manager: EntityManager,
  launch: LaunchForTemplate,
  options: { deterministicIds?: boolean } = {},
): Promise<number> {
  const { items } = templateFor(launch.tier);
  // Seeds want fixed ids: derive each task's id from the launch id and the item key.
  const id = options.deterministicIds ? `md5($1::uuid::text || k)::uuid` : 'gen_random_uuid()';
  const created = await sql<{ id: string; template_key: string }>(
    manager,
    `INSERT INTO tasks (id, launch_id, template_key, title, owner_role, assignee_id, required, due_date, phase, completed_by)
     SELECT ${id}, $1::uuid, k, t, r, a, q, d, p, c
     FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::boolean[], $7::date[], $8::text[], $9::text[])
       AS x(k, t, r, a, q, d, p, c)
     RETURNING id, template_key`,
    [
      launch.id,
      items.map((i) => i.key),
      items.map((i) => i.title),
      items.map((i) => i.ownerRole),
      items.map((i) => assigneeFor(i.ownerRole, launch)),
      items.map((i) => i.required),
      items.map((i) => templateDueDate(launch.launchDate, i.daysBeforeLaunch, i.phase)),
      items.map((i) => i.phase),
      items.map((i) => i.completedBy),
    ],
  );
  const idByKey = new Map(created.map((row) => [row.template_key, row.id]));
  const edges = items.flatMap((i) =>
    i.dependsOnKeys.map((dep) => [idByKey.get(i.key), idByKey.get(dep)]),
  );
  if (edges.length > 0) {
    await manager.query(
      `INSERT INTO task_dependencies (task_id, depends_on_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [edges.map((e) => e[0]), edges.map((e) => e[1])],
    );
  }
  return created.length;
}
