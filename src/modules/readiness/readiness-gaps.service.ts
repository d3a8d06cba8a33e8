import type { EntityManager } from 'typeorm';
import { sql } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import { toGlobalId } from '../../core/graphql/global-id';
import { DISCIPLINES, type Discipline } from '../people';
import { LaunchDecisionOutcome, SignOffVerdict } from './readiness.enums';
import { requiredSignOffs } from './required-sign-offs.rules';
import { ReadinessErrorReason } from './readiness.errors';
import { readinessChecklist } from './readiness-checklist.types';

/** One thing a launch lacks, as clients render it (`extensions.missing`). */
export interface Missing {
  kind: 'SIGN_OFF' | 'TASK' | 'DECISION';
  discipline?: Discipline;
  taskId?: string;
  title: string;
}

/** FAILED_PRECONDITION naming every missing thing, in the message and in extensions. */
export function readinessIncomplete(what: string, missing: Missing[]): AppError {
  return AppError.precondition(
    ReadinessErrorReason.READINESS_INCOMPLETE,
    `${what}: ${missing.map((m) => m.title).join('; ')}`,
    { missing },
  );
}

/** Required PRE_LAUNCH tasks still open, by due date. */
export async function openPreLaunchWork(
  manager: EntityManager,
  launchId: string,
): Promise<Missing[]> {
  const rows = await sql<{ id: string; title: string }>(
    manager,
    `SELECT id, title FROM tasks WHERE launch_id = $1 AND required AND phase = 'PRE_LAUNCH'
       AND ${readinessChecklist().openTaskSql('status')} ORDER BY due_date NULLS LAST, title, id`,
    [launchId],
  );
  return rows.map((r) => ({
    kind: 'TASK',
    taskId: toGlobalId('Task', r.id),
    title: `Required task "${r.title}" is open`,
  }));
}

/**
 * Sign-offs that stop a decision: a required discipline without a current
 * sign-off among `accepted`, and any discipline whose sign-off in force is NO_GO.
 */
export async function signOffGaps(
  manager: EntityManager,
  launch: { id: string; tier: string },
  accepted: readonly SignOffVerdict[],
): Promise<Missing[]> {
  const rows = await sql<{ discipline: Discipline; verdict: SignOffVerdict; stale: boolean }>(
    manager,
    `SELECT DISTINCT ON (discipline) discipline, verdict, stale FROM launch_sign_offs
     WHERE launch_id = $1 ORDER BY discipline, position DESC`,
    [launch.id],
  );
  const required = requiredSignOffs(launch.tier);
  const gaps: Missing[] = [];
  for (const discipline of DISCIPLINES) {
    const row = rows.find((r) => r.discipline === discipline);
    const title = row?.verdict === SignOffVerdict.NO_GO ? `${discipline} signed off NO_GO` : null;
    if (!required.includes(discipline)) {
      if (title) gaps.push({ kind: 'SIGN_OFF', discipline, title });
      continue;
    }
    const gap = !row
      ? `${discipline} sign-off is missing`
      : (title ??
        (row.stale
          ? `${discipline} sign-off is stale`
          : accepted.includes(row.verdict)
            ? null
            : `${discipline} signed off ${row.verdict}`));
    if (gap) gaps.push({ kind: 'SIGN_OFF', discipline, title: gap });
  }
  return gaps;
}

/** The DECISION gap for READY and LAUNCHED: none when the latest decision is a current GO or CONDITIONAL_GO. */
export async function decisionGap(manager: EntityManager, launchId: string): Promise<Missing[]> {
  const [latest] = await sql<{ outcome: LaunchDecisionOutcome; stale: boolean }>(
    manager,
    `SELECT outcome, cardinality(stale_reasons) > 0 AS stale FROM launch_decisions
     WHERE launch_id = $1 ORDER BY position DESC LIMIT 1`,
    [launchId],
  );
  if (!latest) return [{ kind: 'DECISION', title: 'No go/no-go decision has been recorded' }];
  if (latest.outcome === LaunchDecisionOutcome.NO_GO)
    return [{ kind: 'DECISION', title: 'The current decision is NO_GO' }];
  if (latest.stale)
    return [{ kind: 'DECISION', title: `The current ${latest.outcome} decision is stale` }];
  return [];
}
