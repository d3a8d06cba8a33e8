import type { DataSource, EntityManager } from 'typeorm';
import { isAdmin, type Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities } from '../../core/db/sql';
import { inTransaction } from '../../core/db/transaction';
import { AppError, assertVersion } from '../../core/errors';
import { ActivityType, recordActivity } from '../activity-log';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { AccessLevel } from '../../core/auth/access-level';
import type { Discipline } from '../people';
import { LaunchDecision, type StoredCondition } from './launch-decision.entity';
import { LaunchSignOff } from './launch-sign-off.entity';
import {
  decisionGap,
  openPreLaunchWork,
  readinessIncomplete,
  signOffGaps,
} from './readiness-gaps.service';
import { LaunchDecisionOutcome, SignOffVerdict, StaleReason } from './readiness.enums';
import type { RecordLaunchDecisionInput, SignOffLaunchInput } from './readiness.inputs';
import { markStale } from './staleness.service';
import { ReadinessErrorReason } from './readiness.errors';
import { readinessLaunches } from './readiness-launches.types';

interface LockedLaunch {
  id: string;
  tier: string;
  status: string;
  launch_date: string;
  version: number;
  pm_owner_id: string;
  pmm_owner_id: string;
}

const OPEN_STATUSES = ['PLANNING', 'READY'];

/** The launch under its lock (launches' one lock), in the shape readiness reads it. */
async function lockLaunchForReadiness(
  manager: EntityManager,
  launchGlobalId: string,
): Promise<LockedLaunch> {
  const launch = await readinessLaunches().lockLaunchOf(manager, launchGlobalId);
  return {
    id: launch.id,
    tier: launch.tier,
    status: launch.status,
    launch_date: launch.launchDate,
    version: launch.version,
    pm_owner_id: launch.pmOwnerId,
    pmm_owner_id: launch.pmmOwnerId,
  };
}

function assertOpen(launch: LockedLaunch, what: string): void {
  if (!OPEN_STATUSES.includes(launch.status))
    throw AppError.precondition(
      ReadinessErrorReason.LAUNCH_NOT_OPEN,
      `Cannot ${what} a ${launch.status} launch`,
      {
        status: launch.status,
      },
    );
}

/** Signing for a discipline: a MEMBER or ADMIN of that discipline, or any admin. */
async function assertMaySign(
  manager: EntityManager,
  viewer: Viewer,
  discipline: Discipline,
): Promise<void> {
  if (isAdmin(viewer)) return;
  const [me] = await sql<{ discipline: Discipline }>(
    manager,
    'SELECT discipline FROM people WHERE id = $1',
    [viewer.personId],
  );
  if (viewer.accessLevel !== AccessLevel.VIEWER && me?.discipline === discipline) return;
  throw AppError.forbidden(
    ReadinessErrorReason.SIGN_OFF_NOT_ALLOWED,
    `Only a ${discipline} member or an admin may sign off for ${discipline}`,
  );
}

function noteOf(input: SignOffLaunchInput): string | null {
  const note = input.note?.trim() || null;
  if (input.verdict !== SignOffVerdict.GO && !note)
    throw AppError.badInput(
      'note',
      `A ${input.verdict} sign-off needs a note saying why`,
      ReadinessErrorReason.SIGN_OFF_NOTE_REQUIRED,
    );
  return note;
}

/** CONDITIONAL_GO needs conditions; the other outcomes take none. */
function assertConditionCount(input: RecordLaunchDecisionInput): void {
  const count = input.conditions?.length ?? 0;
  const conditional = input.outcome === LaunchDecisionOutcome.CONDITIONAL_GO;
  if (conditional && count === 0)
    throw AppError.badInput(
      'conditions',
      'A CONDITIONAL_GO needs at least one condition',
      ReadinessErrorReason.DECISION_CONDITIONS_INVALID,
    );
  if (!conditional && count > 0)
    throw AppError.badInput(
      'conditions',
      `A ${input.outcome} decision takes no conditions`,
      ReadinessErrorReason.DECISION_CONDITIONS_INVALID,
    );
}

/** One condition as stored: described, owned by a person that exists, due by the launch date. */
function storedCondition(
  condition: { description: string; dueDate: string },
  owner: { id: string; exists: boolean },
  launchDate: string,
): StoredCondition {
  const description = condition.description.trim();
  if (!description)
    throw AppError.badInput(
      'conditions',
      'Every condition needs a description',
      ReadinessErrorReason.DECISION_CONDITIONS_INVALID,
    );
  if (!owner.exists)
    throw AppError.badInput(
      'conditions',
      'No person has the ownerId given in a condition',
      ReadinessErrorReason.UNKNOWN_ID,
    );
  if (condition.dueDate > launchDate)
    throw AppError.badInput(
      'conditions',
      `Condition "${description}" is due ${condition.dueDate}, after the launch date ${launchDate}`,
      ReadinessErrorReason.DECISION_CONDITIONS_INVALID,
    );
  return { description, ownerId: owner.id, dueDate: condition.dueDate };
}

/** One person uuid per condition owner; BAD_USER_INPUT on `conditions` otherwise. */
async function checkConditions(
  manager: EntityManager,
  input: RecordLaunchDecisionInput,
  launchDate: string,
): Promise<StoredCondition[]> {
  assertConditionCount(input);
  const given = input.conditions ?? [];
  const owners = given.map((c) => fromGlobalId(c.ownerId, 'Person', 'conditions'));
  const found = await sql<{ id: string }>(manager, 'SELECT id FROM people WHERE id = ANY($1)', [
    owners,
  ]);
  return given.map((c, i) =>
    storedCondition(
      c,
      { id: owners[i], exists: found.some((p) => p.id === owners[i]) },
      launchDate,
    ),
  );
}

/** The decision's rationale, trimmed; a blank one is BAD_USER_INPUT. */
function rationaleOf(input: RecordLaunchDecisionInput): string {
  const rationale = input.rationale.trim();
  if (!rationale)
    throw AppError.badInput(
      'rationale',
      'A decision needs a rationale',
      ReadinessErrorReason.INVALID_VALUE,
    );
  return rationale;
}

/** Deciding is for the launch's PM or PMM owner, or an admin. */
function assertMayDecide(viewer: Viewer, launch: LockedLaunch): void {
  const owner = viewer.personId === launch.pm_owner_id || viewer.personId === launch.pmm_owner_id;
  if (!isAdmin(viewer) && !owner)
    throw AppError.forbidden(
      ReadinessErrorReason.DECISION_NOT_ALLOWED,
      'Only the PM owner, the PMM owner or an admin may decide',
    );
}

/** The decision row and the launch's version (NO_GO on a READY launch: back to PLANNING). */
async function writeDecision(
  manager: EntityManager,
  viewer: Viewer,
  launch: LockedLaunch,
  decided: { outcome: LaunchDecisionOutcome; rationale: string; conditions: StoredCondition[] },
) {
  const [decision] = await sqlEntities(
    manager,
    LaunchDecision,
    `INSERT INTO launch_decisions (launch_id, outcome, rationale, conditions, decided_by_id)
     VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING *`,
    [
      launch.id,
      decided.outcome,
      decided.rationale,
      JSON.stringify(decided.conditions),
      viewer.personId,
    ],
  );
  const backToPlanning =
    decided.outcome === LaunchDecisionOutcome.NO_GO && launch.status === 'READY';
  const [launchRow] = await sql(
    manager,
    `UPDATE launches SET version = version + 1, updated_at = now(),
       status = CASE WHEN $2 THEN 'PLANNING' ELSE status END
     WHERE id = $1 RETURNING *`,
    [launch.id, backToPlanning],
  );
  return { decision, launchRow, backToPlanning };
}

export class ReadinessService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a discipline's verdict; it replaces that discipline's earlier one (the log keeps both). */
  signOff(viewer: Viewer, input: SignOffLaunchInput): Promise<LaunchSignOff> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchForReadiness(manager, input.launchId);
      await assertMaySign(manager, viewer, input.discipline);
      const note = noteOf(input);
      assertOpen(launch, 'sign off');
      const [previous] = await sql<{ verdict: SignOffVerdict }>(
        manager,
        `SELECT verdict FROM launch_sign_offs WHERE launch_id = $1 AND discipline = $2
         ORDER BY position DESC LIMIT 1`,
        [launch.id, input.discipline],
      );
      const [signOff] = await sqlEntities(
        manager,
        LaunchSignOff,
        `INSERT INTO launch_sign_offs (launch_id, discipline, verdict, note, signed_by_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [launch.id, input.discipline, input.verdict, note, viewer.personId],
      );
      if (previous) await markStale(manager, launch.id, StaleReason.SIGN_OFF_CHANGED);
      await recordActivity(manager, {
        launchId: launch.id,
        type: ActivityType.LAUNCH_SIGNED_OFF,
        viewer,
        subjectId: toGlobalId('LaunchSignOff', signOff.id),
        action: `signed off ${input.discipline}: ${input.verdict}${note ? ` (${note})` : ''}`,
        checklist: true,
        changes: [
          {
            field: `signOff.${input.discipline}`,
            from: previous?.verdict ?? null,
            to: input.verdict,
          },
        ],
      });
      return signOff;
    });
  }

  /**
   * Records a go/no-go decision under the DESIGN.md preconditions; NO_GO moves
   * a READY launch back to PLANNING. Returns the decision and the launch row.
   */
  decide(
    viewer: Viewer,
    input: RecordLaunchDecisionInput,
  ): Promise<{ decision: LaunchDecision; launchRow: Record<string, unknown> }> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchForReadiness(manager, input.launchId);
      assertMayDecide(viewer, launch);
      assertVersion({
        reason: ReadinessErrorReason.VERSION_MISMATCH,
        what: 'Launch',
        expected: input.expectedVersion,
        actual: launch.version,
      });
      const rationale = rationaleOf(input);
      const conditions = await checkConditions(manager, input, launch.launch_date);
      assertOpen(launch, 'decide on');
      await assertDecisionAllowed(manager, launch, input.outcome);
      const { decision, launchRow, backToPlanning } = await writeDecision(manager, viewer, launch, {
        outcome: input.outcome,
        rationale,
        conditions,
      });
      await recordActivity(manager, {
        launchId: launch.id,
        type: ActivityType.LAUNCH_DECISION_RECORDED,
        viewer,
        subjectId: toGlobalId('LaunchDecision', decision.id),
        action: `decided ${input.outcome}: ${rationale}${backToPlanning ? ' (back to PLANNING)' : ''}`,
        checklist: true,
        changes: [
          { field: 'decision', from: null, to: input.outcome },
          ...(backToPlanning ? [{ field: 'status', from: 'READY', to: 'PLANNING' }] : []),
        ],
      });
      return { decision, launchRow };
    });
  }
}

async function assertDecisionAllowed(
  manager: EntityManager,
  launch: LockedLaunch,
  outcome: LaunchDecisionOutcome,
): Promise<void> {
  if (outcome === LaunchDecisionOutcome.NO_GO) return;
  const go = outcome === LaunchDecisionOutcome.GO;
  const accepted = go ? [SignOffVerdict.GO] : [SignOffVerdict.GO, SignOffVerdict.CONCERNS];
  const missing = [
    ...(await signOffGaps(manager, launch, accepted)),
    ...(go ? await openPreLaunchWork(manager, launch.id) : []),
  ];
  if (missing.length > 0) throw readinessIncomplete(`Cannot record ${outcome}`, missing);
}

/**
 * The lifecycle gate of DESIGN.md: READY and LAUNCHED need a current GO or
 * CONDITIONAL_GO and every required PRE_LAUNCH task closed.
 */
export async function assertReadyFor(
  manager: EntityManager,
  launchId: string,
  to: 'READY' | 'LAUNCHED',
): Promise<void> {
  const missing = [
    ...(await openPreLaunchWork(manager, launchId)),
    ...(await decisionGap(manager, launchId)),
  ];
  if (missing.length > 0) throw readinessIncomplete(`Cannot move to ${to}`, missing);
}
