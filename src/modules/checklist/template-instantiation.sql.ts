import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sql } from '../../core/db/sql';
import { Discipline } from '../people';
import { templateFor } from './checklist-templates.types';
import { templateDueDate } from './due-dates.rules';

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

/** A task id: random, or (for seeds) derived from the launch id and the item key, as md5(launch || key)::uuid. */
function taskId(launchId: string, key: string, options: { deterministicIds?: boolean }): string {
  if (!options.deterministicIds) return randomUUID();
  const hex = createHash('md5').update(`${launchId.toLowerCase()}${key}`, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The tier's tasks and their dependency edges as two INSERT CTEs (`tpl_tasks`,
 * `tpl_edges`) for a statement of the caller's, placeholders from
 * $`offset + 1`. Task ids are made here, so the edges need no read back.
 */
export function templateInsert(
  launch: LaunchForTemplate,
  offset: number,
  options: { deterministicIds?: boolean } = {},
): { ctes: string; params: unknown[]; tasks: number } {
  const { items } = templateFor(launch.tier);
  const ids = new Map(items.map((i) => [i.key, taskId(launch.id, i.key, options)]));
  const edges = items.flatMap((i) => i.dependsOnKeys.map((dep) => [ids.get(i.key), ids.get(dep)]));
  const p = (n: number) => `$${offset + n}`;
  const ctes = `tpl_tasks AS (
       INSERT INTO tasks (id, launch_id, template_key, title, owner_role, assignee_id, required, due_date,
                          phase, completed_by)
       SELECT id, ${p(1)}::uuid, k, t, r, a, q, d, ph, c
       FROM unnest(${p(2)}::uuid[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::uuid[],
                   ${p(7)}::boolean[], ${p(8)}::date[], ${p(9)}::text[], ${p(10)}::text[])
         AS x(id, k, t, r, a, q, d, ph, c)
       RETURNING id),
     tpl_edges AS (
       INSERT INTO task_dependencies (task_id, depends_on_id)
       SELECT * FROM unnest(${p(11)}::uuid[], ${p(12)}::uuid[]) RETURNING task_id)`;
  return {
    ctes,
    params: [
      launch.id,
      items.map((i) => ids.get(i.key)),
      items.map((i) => i.key),
      items.map((i) => i.title),
      items.map((i) => i.ownerRole),
      items.map((i) => assigneeFor(i.ownerRole, launch)),
      items.map((i) => i.required),
      items.map((i) => templateDueDate(launch.launchDate, i.daysBeforeLaunch, i.phase)),
      items.map((i) => i.phase),
      items.map((i) => i.completedBy),
      edges.map((e) => e[0]),
      edges.map((e) => e[1]),
    ],
    tasks: items.length,
  };
}

/** Creates the tier's tasks and dependency edges of an existing launch in one statement. */
export async function instantiateTemplate(
  manager: EntityManager,
  launch: LaunchForTemplate,
  options: { deterministicIds?: boolean } = {},
): Promise<number> {
  const insert = templateInsert(launch, 0, options);
  await sql(manager, `WITH ${insert.ctes} SELECT count(*)::int AS n FROM tpl_tasks`, insert.params);
  return insert.tasks;
}
