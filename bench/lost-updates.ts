/**
 * The lost-update check: `clients` concurrent clients each send `edits` optimistic
 * updates (expectedVersion / expectedRevision) to one task, one launch and one messaging
 * brief. Every attempt must end as a success or a CONFLICT (successes + conflicts =
 * attempts), the version must have risen by exactly the successes, and each success must
 * have written exactly one activity row. Used by `npm run stress` (20 x 200) and by
 * test/lost-updates.test.ts (20 x 20).
 */

export type Gql = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}>;

export type Sql = (text: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The value at `path` in an answer's data. */
function dig(data: unknown, ...path: string[]): unknown {
  let value = data;
  for (const key of path) value = (value as Record<string, unknown> | null | undefined)?.[key];
  return value;
}

export interface LostUpdateReport {
  target: 'task' | 'launch' | 'brief';
  attempts: number;
  successes: number;
  conflicts: number;
  /** Codes of answers that were neither (must be empty). */
  other: string[];
  versionBefore: number;
  versionAfter: number;
  activityRows: number;
  ms: number;
}

const uuidOf = (id: string): string => Buffer.from(id, 'base64url').toString().split(':')[1];

interface Target {
  name: LostUpdateReport['target'];
  id: string;
  read: string;
  version(data: unknown): number;
  update: string;
  variables(id: string, version: number, text: string): Record<string, unknown>;
  updated(data: unknown): number;
  activityType: string;
}

const TARGETS: Array<Omit<Target, 'id'>> = [
  {
    name: 'task',
    read: `query($id: ID!) { node(id: $id) { ... on Task { version } } }`,
    version: (data) => dig(data, 'node', 'version') as number,
    update: `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { version } } }`,
    variables: (id, version, text) => ({
      input: { id, expectedVersion: version, description: text },
    }),
    updated: (data) => dig(data, 'updateTask', 'task', 'version') as number,
    activityType: 'TASK_UPDATED',
  },
  {
    name: 'launch',
    read: `query($id: ID!) { launch(id: $id) { version } }`,
    version: (data) => dig(data, 'launch', 'version') as number,
    update: `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { version } } }`,
    variables: (id, version, text) => ({ input: { id, expectedVersion: version, name: text } }),
    updated: (data) => dig(data, 'updateLaunch', 'launch', 'version') as number,
    activityType: 'LAUNCH_UPDATED',
  },
  {
    name: 'brief',
    read: `query($id: ID!) { messagingBrief(id: $id) { revision } }`,
    version: (data) => dig(data, 'messagingBrief', 'revision') as number,
    update: `mutation($input: UpdateMessagingBriefInput!) { updateMessagingBrief(input: $input) { messagingBrief { revision } } }`,
    variables: (id, version, text) => ({
      input: { id, expectedRevision: version, audience: text },
    }),
    updated: (data) => dig(data, 'updateMessagingBrief', 'messagingBrief', 'revision') as number,
    activityType: 'MESSAGING_BRIEF_CHANGED',
  },
];

function check(res: Awaited<ReturnType<Gql>>): unknown {
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** Runs `create<Type>(input: $input)` and returns the new object's id. */
async function createId(gql: Gql, type: string, input: Record<string, unknown>): Promise<string> {
  const field = `create${type}`;
  const payload = type.charAt(0).toLowerCase() + type.slice(1);
  const query = `mutation($input: Create${type}Input!) { ${field}(input: $input) { ${payload} { id } } }`;
  return dig(check(await gql(query, { input })), field, payload, 'id') as string;
}

/** A launch with a task and a messaging brief, made by an admin `gql`. */
export async function lostUpdateFixtures(
  gql: Gql,
): Promise<{ launchId: string; taskId: string; briefId: string }> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const person = (discipline: string) =>
    createId(gql, 'Person', {
      name: `Stress ${discipline} ${suffix}`,
      email: `stress-${discipline.toLowerCase()}-${suffix}@example.com`,
      discipline,
      accessLevel: 'MEMBER',
    });
  const [pm, pmm] = [await person('PM'), await person('PMM')];
  const launchDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const launchId = await createId(gql, 'Launch', {
    name: `Stress ${suffix}`,
    product: 'Stress',
    tier: 'TIER_3',
    launchDate,
    pmOwnerId: pm,
    pmmOwnerId: pmm,
    applyTemplate: false,
  });
  const taskId = await createId(gql, 'Task', {
    launchId,
    title: 'Contended task',
    ownerRole: 'ENGINEERING',
  });
  const briefId = await createId(gql, 'MessagingBrief', {
    launchId,
    audience: 'Operations teams',
    positioningStatement: 'For operations teams who automate, our product saves hours.',
  });
  return { launchId, taskId, briefId };
}

/** One client: `edits` optimistic updates from the version it last saw, counted in `report`. */
async function client(
  target: Target,
  gql: Gql,
  report: LostUpdateReport,
  name: string,
  edits: number,
): Promise<void> {
  const read = async () => target.version(check(await gql(target.read, { id: target.id })));
  let known = await read();
  for (let e = 0; e < edits; e += 1) {
    report.attempts += 1;
    const res = await gql(target.update, target.variables(target.id, known, `${name} e${e}`));
    const code = res.errors?.[0]?.extensions?.code;
    if (!res.errors?.length) {
      report.successes += 1;
      known = target.updated(res.data);
    } else if (code === 'CONFLICT') {
      report.conflicts += 1;
      known = await read();
    } else {
      report.other.push(String(code ?? res.errors[0].message));
    }
  }
}

async function contend(
  target: Target,
  { gql, sql, clients, edits }: CheckOptions,
  launchId: string,
): Promise<LostUpdateReport> {
  const read = async () => target.version(check(await gql(target.read, { id: target.id })));
  const activitySql =
    'SELECT COALESCE(max(seq), 0)::int AS seq FROM launch_activity WHERE launch_id = $1';
  const [{ seq: seqBefore }] = await sql(activitySql, [uuidOf(launchId)]);
  const report: LostUpdateReport = {
    ...{ target: target.name, attempts: 0, successes: 0, conflicts: 0, other: [] },
    ...{ versionBefore: await read(), versionAfter: 0, activityRows: 0, ms: 0 },
  };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, (_, c) => client(target, gql, report, `c${c}`, edits)),
  );
  report.ms = Date.now() - started;
  report.versionAfter = await read();
  const [{ n }] = await sql(
    `SELECT count(*)::int AS n FROM launch_activity
      WHERE launch_id = $1 AND seq > $2 AND type = $3`,
    [uuidOf(launchId), seqBefore, target.activityType],
  );
  report.activityRows = n as number;
  return report;
}

interface CheckOptions {
  gql: Gql;
  sql: Sql;
  clients: number;
  edits: number;
}

/** Runs the check on the three objects, one after the other. */
export async function lostUpdateCheck(options: CheckOptions): Promise<LostUpdateReport[]> {
  const { launchId, taskId, briefId } = await lostUpdateFixtures(options.gql);
  const ids = { task: taskId, launch: launchId, brief: briefId };
  const reports: LostUpdateReport[] = [];
  for (const target of TARGETS)
    reports.push(await contend({ ...target, id: ids[target.name] }, options, launchId));
  return reports;
}

/** One line per object: what `npm run stress` prints and the test logs. */
export function formatReport(report: LostUpdateReport): string {
  const held =
    report.successes + report.conflicts === report.attempts &&
    report.other.length === 0 &&
    report.versionAfter - report.versionBefore === report.successes &&
    report.activityRows === report.successes;
  return (
    `${report.target.padEnd(6)} attempts ${report.attempts}, successes ${report.successes}, ` +
    `conflicts ${report.conflicts}, other ${report.other.length}, ` +
    `version ${report.versionBefore} -> ${report.versionAfter} (+${report.versionAfter - report.versionBefore}), ` +
    `activity rows ${report.activityRows}, ${report.ms} ms: ${held ? 'no lost update' : 'LOST UPDATES'}`
  );
}
