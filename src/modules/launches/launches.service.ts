import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities } from '../../core/db/sql';
import { inTransaction, isCheckViolation } from '../../core/db/transaction';
import { AppError, assertVersion } from '../../core/errors';
import { fetchPage, type Connection } from '../../core/graphql/connection';
import { fromGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { ActivityType, comparedFields, recordActivity, type FieldChange } from '../activity-log';
import { assertReadyFor, markStale, StaleReason } from '../readiness';
import { Discipline, likePattern, type Person } from '../people';
import { launchChecklist } from './launch-checklist.types';
import { resolveOwnerPeople, resolveOwners, updatedOwners } from './launch-owners.service';
import { Launch } from './launch.entity';
import { lockLaunch } from './launch-lock.service';
import { LaunchesErrorReason } from './launches.errors';
import { assertMoveAllowed, daysBetween } from './launches.rules';
import type {
  CreateLaunchInput,
  LaunchFilter,
  LaunchOrder,
  TransitionLaunchInput,
  UpdateLaunchInput,
} from './launches.inputs';
import { LaunchOrderField, LaunchStatus } from './launches.enums';

const SORT_KEYS: Record<LaunchOrderField, { key: string; cast: string }> = {
  [LaunchOrderField.LAUNCH_DATE]: { key: 'l.launch_date', cast: 'date' },
  [LaunchOrderField.CREATED_AT]: { key: 'l.created_at', cast: 'timestamptz' },
  [LaunchOrderField.NAME]: { key: 'l.name', cast: 'text' },
};

/** What an update changed, readable: people by name, dates ISO. */
async function launchChanges(
  manager: EntityManager,
  before: Launch,
  after: Launch,
): Promise<FieldChange[]> {
  const names = await sql<{ id: string; name: string }>(
    manager,
    'SELECT id, name FROM people WHERE id = ANY($1::uuid[])',
    [[before.pmOwnerId, after.pmOwnerId, before.pmmOwnerId, after.pmmOwnerId]],
  );
  const name = (id: string) => names.find((p) => p.id === id)?.name ?? null;
  return comparedFields(
    (launch: Launch) => [
      ['name', launch.name],
      ['product', launch.product],
      ['summary', launch.summary],
      ['tier', launch.tier],
      ['launchDate', launch.launchDate],
      ['pmOwner', name(launch.pmOwnerId)],
      ['pmmOwner', name(launch.pmmOwnerId)],
    ],
    before,
    after,
  );
}

/** A launch date whose tasks would fall outside the Date range is the client's mistake. */
async function taskDatesInRange<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isCheckViolation(error, 'tasks_due_date_range')) {
      throw AppError.badInput(
        'launchDate',
        'This launch date would put checklist tasks outside the years 1900 to 9999',
        LaunchesErrorReason.INVALID_VALUE,
      );
    }
    throw error;
  }
}

/** The launch row and, when asked, its tier's tasks and edges: one statement. */
async function insertLaunch(
  manager: EntityManager,
  input: CreateLaunchInput,
  owners: { pmOwnerId: string; pmmOwnerId: string },
): Promise<{ launch: Launch; tasks: number }> {
  const withTasks = input.applyTemplate !== false;
  const id = randomUUID();
  const template = withTasks
    ? launchChecklist().templateInsert(
        { id, tier: input.tier, launchDate: input.launchDate, ...owners },
        9,
      )
    : null;
  const [launch] = await sqlEntities(
    manager,
    Launch,
    `WITH l AS (
       INSERT INTO launches (id, name, product, summary, tier, launch_date, pm_owner_id, pmm_owner_id, checklist_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *)${template ? `, ${template.ctes}` : ''}
     SELECT * FROM l`,
    [
      id,
      clean(input.name),
      clean(input.product),
      input.summary ?? null,
      input.tier,
      input.launchDate,
      owners.pmOwnerId,
      owners.pmmOwnerId,
      withTasks ? 1 : 0,
      ...(template?.params ?? []),
    ],
  );
  return { launch, tasks: template?.tasks ?? 0 };
}

/** The one version rule for launches: at the version the client sent, when it sent one. */
function assertLaunchVersion(launch: Launch, expected: number | null | undefined): void {
  assertVersion({
    reason: LaunchesErrorReason.VERSION_MISMATCH,
    what: 'Launch',
    expected,
    actual: launch.version,
  });
}

const NOT_NULL = ['name', 'product', 'tier', 'launchDate', 'pmOwnerId', 'pmmOwnerId'] as const;

/** No null where a launch needs a value; a LAUNCHED launch keeps its date. */
function assertLaunchPatch(current: Launch, input: UpdateLaunchInput): void {
  for (const field of NOT_NULL) {
    if (input[field] === null)
      throw AppError.badInput(field, `${field} cannot be null`, LaunchesErrorReason.INVALID_VALUE);
  }
  const moved = input.launchDate != null && input.launchDate !== current.launchDate;
  if (current.status === LaunchStatus.LAUNCHED && moved)
    throw AppError.precondition(
      LaunchesErrorReason.LAUNCH_DATE_FIXED,
      'A LAUNCHED launch keeps its launch date',
      { field: 'launchDate' },
    );
}

/** Writes the fields an update gives (a field left out keeps its value). */
async function updateLaunchRow(
  manager: EntityManager,
  id: string,
  input: UpdateLaunchInput,
  owners: { pmOwnerId: string | null; pmmOwnerId: string | null },
): Promise<Launch> {
  const [launch] = await sqlEntities(
    manager,
    Launch,
    `UPDATE launches SET name = coalesce($2, name), product = coalesce($3, product),
       summary = CASE WHEN $4::boolean THEN $5 ELSE summary END, tier = coalesce($6, tier),
       launch_date = coalesce($7::date, launch_date), pm_owner_id = coalesce($8::uuid, pm_owner_id),
       pmm_owner_id = coalesce($9::uuid, pmm_owner_id), version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [
      id,
      clean(input.name) ?? null,
      clean(input.product) ?? null,
      input.summary !== undefined,
      input.summary ?? null,
      input.tier ?? null,
      input.launchDate ?? null,
      owners.pmOwnerId,
      owners.pmmOwnerId,
    ],
  );
  return launch;
}

/** Open tasks with a due date move with the launch date (the checklist's weekday rule). */
async function shiftTaskDueDates(manager: EntityManager, launch: Launch, shift: number) {
  const checklist = launchChecklist();
  await manager.query(
    `UPDATE tasks SET due_date = ${checklist.dueDateSql('(due_date + $2::int)', 'phase', '$3::date')},
       version = version + 1, updated_at = now()
     WHERE launch_id = $1 AND due_date IS NOT NULL AND ${checklist.openTaskSql('status')}`,
    [launch.id, shift, launch.launchDate],
  );
}

/** The activity row of a launch update, with the reason given for it. */
async function recordLaunchUpdate(
  manager: EntityManager,
  viewer: Viewer,
  update: {
    current: Launch;
    launch: Launch;
    shift: number;
    stale: boolean;
    input: UpdateLaunchInput;
  },
): Promise<void> {
  const { current, launch, shift } = update;
  const changes = await launchChanges(manager, current, launch);
  const reason = update.input.reason?.trim() || null;
  const fields = changes.length ? ` (${changes.map((c) => c.field).join(', ')})` : '';
  const action =
    shift !== 0
      ? `moved the launch date of '${launch.name}' from ${current.launchDate} to ${launch.launchDate}`
      : `updated launch '${launch.name}'${fields}`;
  await recordActivity(manager, {
    launchId: launch.id,
    type: ActivityType.LAUNCH_UPDATED,
    viewer,
    subjectId: toGlobalId('Launch', launch.id),
    checklist: shift !== 0 || update.stale,
    action: reason ? `${action}: ${reason}` : action,
    changes: reason ? [...changes, { field: 'reason', from: null, to: reason }] : changes,
  });
}

export class LaunchesService {
  constructor(private readonly dataSource: DataSource) {}

  /** The launch board: filtered, sorted, keyset-paged. */
  list(args: {
    first: number;
    after?: string | null;
    filter?: LaunchFilter | null;
    orderBy?: LaunchOrder | null;
  }): Promise<Connection<Launch>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    const f = args.filter;
    if (f?.status?.length) add((p) => `l.status = ANY(${p})`, f.status);
    if (f?.tier?.length) add((p) => `l.tier = ANY(${p})`, f.tier);
    if (f?.ownerId)
      add(
        (p) => `(l.pm_owner_id = ${p} OR l.pmm_owner_id = ${p})`,
        fromGlobalId(f.ownerId, 'Person', 'ownerId'),
      );
    if (f?.launchDateFrom) add((p) => `l.launch_date >= ${p}::date`, f.launchDateFrom);
    if (f?.launchDateTo) add((p) => `l.launch_date <= ${p}::date`, f.launchDateTo);
    if (f?.search?.trim())
      add((p) => `(l.name ILIKE ${p} OR l.product ILIKE ${p})`, likePattern(f.search));
    const sort = SORT_KEYS[args.orderBy?.field ?? LaunchOrderField.LAUNCH_DATE];
    return fetchPage({
      manager: this.dataSource.manager,
      entity: Launch,
      alias: 'l',
      from: 'launches l',
      where,
      params,
      sortKeys: [sort.key, 'l.id'],
      sortCasts: [sort.cast, 'uuid'],
      direction: args.orderBy?.direction ?? 'ASC',
      first: args.first,
      after: args.after,
    });
  }

  /**
   * Creates a launch and, unless told not to, its tier's tasks in the same
   * transaction: the launch, its tasks and their edges in one statement.
   * Answers the owners too, so the payload reads nothing after COMMIT.
   */
  create(viewer: Viewer, input: CreateLaunchInput): Promise<{ launch: Launch; owners: Person[] }> {
    return taskDatesInRange(
      inTransaction(this.dataSource, async ({ manager }) => {
        const owners = await resolveOwnerPeople(manager, [
          { field: 'pmOwnerId', id: input.pmOwnerId, discipline: Discipline.PM },
          { field: 'pmmOwnerId', id: input.pmmOwnerId, discipline: Discipline.PMM },
        ]);
        const [pmOwnerId, pmmOwnerId] = owners.map((person) => person.id);
        const { launch, tasks } = await insertLaunch(manager, input, { pmOwnerId, pmmOwnerId });
        await recordActivity(manager, {
          launchId: launch.id,
          type: ActivityType.LAUNCH_CREATED,
          viewer,
          subjectId: toGlobalId('Launch', launch.id),
          action: `created launch '${launch.name}' (${launch.tier}, ${tasks} tasks)`,
        });
        return { launch, owners };
      }),
    );
  }

  /** Applies changes; a moved launch date shifts open tasks unless shiftTaskDueDates is false. */
  update(viewer: Viewer, input: UpdateLaunchInput): Promise<Launch> {
    const id = fromGlobalId(input.id, 'Launch', 'id');
    return taskDatesInRange(
      inTransaction(this.dataSource, async ({ manager }) => {
        const current = await lockLaunch(manager, id);
        access.assertCanEditLaunch(viewer, current);
        assertLaunchPatch(current, input);
        const owners = updatedOwners(input);
        const ownerIds = await resolveOwners(manager, owners);
        const ownerId = (field: string) => ownerIds[owners.findIndex((o) => o.field === field)];
        assertLaunchVersion(current, input.expectedVersion);
        const launch = await updateLaunchRow(manager, id, input, {
          pmOwnerId: input.pmOwnerId ? ownerId('pmOwnerId') : null,
          pmmOwnerId: input.pmmOwnerId ? ownerId('pmmOwnerId') : null,
        });
        const shift = daysBetween(current.launchDate, launch.launchDate);
        if (shift !== 0 && input.shiftTaskDueDates !== false)
          await shiftTaskDueDates(manager, launch, shift);
        const stale = shift !== 0 && (await markStale(manager, id, StaleReason.LAUNCH_DATE_MOVED));
        await recordLaunchUpdate(manager, viewer, { current, launch, shift, stale, input });
        return launch;
      }),
    );
  }

  /** Moves a launch through its lifecycle; READY needs every required task closed. */
  transition(viewer: Viewer, input: TransitionLaunchInput): Promise<Launch> {
    const id = fromGlobalId(input.id, 'Launch', 'id');
    return inTransaction(this.dataSource, async ({ manager }) => {
      const current = await lockLaunch(manager, id);
      access.assertCanEditLaunch(viewer, current);
      assertLaunchVersion(current, input.expectedVersion);
      assertMoveAllowed(current.status, input.to);
      if (input.to === LaunchStatus.READY || input.to === LaunchStatus.LAUNCHED)
        await assertReadyFor(manager, id, input.to);
      const [launch] = await sqlEntities(
        manager,
        Launch,
        `UPDATE launches SET status = $2, version = version + 1, updated_at = now(),
           launched_at = CASE WHEN $2 = 'LAUNCHED' THEN now() ELSE launched_at END
         WHERE id = $1 RETURNING *`,
        [id, input.to],
      );
      await recordActivity(manager, {
        launchId: id,
        type: ActivityType.LAUNCH_TRANSITIONED,
        viewer,
        subjectId: toGlobalId('Launch', id),
        action: `moved launch '${launch.name}' from ${current.status} to ${input.to}`,
        changes: [{ field: 'status', from: current.status, to: input.to }],
      });
      return launch;
    });
  }
}
