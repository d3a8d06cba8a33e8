import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLaunch, buildPerson, buildTask, buildTier } from './support/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

// extensions.reason beside extensions.code: stable codes clients branch on
// without parsing messages (README "Error codes"). A representative set, one
// per kind of refusal; each test builds its own data.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

const UPDATE_TASK = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id version } } }`;
const ADD_DEPENDENCY = `mutation($input: AddTaskDependencyInput!) { addTaskDependency(input: $input) { task { id } } }`;

function refusal(res: GraphQLResponse): Record<string, unknown> {
  expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  return res.errors![0].extensions as Record<string, unknown>;
}

test('FAILED_PRECONDITION LAUNCH_TRANSITION_NOT_ALLOWED: PLANNING cannot jump to LAUNCHED', async () => {
  const launch = await buildLaunch(t);
  const res = await t.gql(
    `mutation($input: TransitionLaunchInput!) { transitionLaunch(input: $input) { launch { id } } }`,
    { input: { id: launch.id, to: 'LAUNCHED' } },
  );
  expect(refusal(res)).toMatchObject({
    code: 'FAILED_PRECONDITION',
    reason: 'LAUNCH_TRANSITION_NOT_ALLOWED',
    from: 'PLANNING',
    to: 'LAUNCHED',
  });
});

test('FAILED_PRECONDITION TASK_DEPENDENCY_OPEN: DONE waits for what the task depends on', async () => {
  const launch = await buildLaunch(t);
  const [first, second] = [await buildTask(t, launch), await buildTask(t, launch)];
  const added = await t.gql(ADD_DEPENDENCY, {
    input: { taskId: second.id, dependsOnId: first.id },
  });
  expect(added.errors).toBeUndefined();
  const res = await t.gql(UPDATE_TASK, { input: { id: second.id, status: 'DONE' } });
  expect(refusal(res)).toMatchObject({
    code: 'FAILED_PRECONDITION',
    reason: 'TASK_DEPENDENCY_OPEN',
  });
});

test('FAILED_PRECONDITION TASK_DEPENDENCY_CYCLE and TASK_SELF_DEPENDENCY', async () => {
  const launch = await buildLaunch(t);
  const [a, b] = [await buildTask(t, launch), await buildTask(t, launch)];
  const added = await t.gql(ADD_DEPENDENCY, { input: { taskId: b.id, dependsOnId: a.id } });
  expect(added.errors).toBeUndefined();
  const cycle = await t.gql(ADD_DEPENDENCY, { input: { taskId: a.id, dependsOnId: b.id } });
  expect(refusal(cycle)).toMatchObject({
    code: 'FAILED_PRECONDITION',
    reason: 'TASK_DEPENDENCY_CYCLE',
  });
  const self = await t.gql(ADD_DEPENDENCY, { input: { taskId: a.id, dependsOnId: a.id } });
  expect(refusal(self)).toMatchObject({
    code: 'FAILED_PRECONDITION',
    reason: 'TASK_SELF_DEPENDENCY',
  });
});

test('CONFLICT VERSION_MISMATCH: a stale expectedVersion', async () => {
  const launch = await buildLaunch(t);
  const task = await buildTask(t, launch);
  const res = await t.gql(UPDATE_TASK, {
    input: { id: task.id, title: 'Renamed', expectedVersion: task.version + 5 },
  });
  expect(refusal(res)).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH' });
});

test('FORBIDDEN NOT_LAUNCH_OWNER: a member who does not own the launch', async () => {
  const launch = await buildLaunch(t);
  const stranger = await buildPerson(t);
  const res = await t.gql(
    `mutation($input: UpdateLaunchInput!) { updateLaunch(input: $input) { launch { id } } }`,
    { input: { id: launch.id, name: 'Not mine' } },
    stranger.token,
  );
  expect(refusal(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_LAUNCH_OWNER' });
});

test('BAD_USER_INPUT PRICING_CURRENCY_MISMATCH, and INVALID_VALUE by default', async () => {
  const launch = await buildLaunch(t);
  await buildTier(t, launch);
  const euro = await t.gql(
    `mutation($input: CreatePricingTierInput!) { createPricingTier(input: $input) { pricingTier { id } } }`,
    {
      input: {
        launchId: launch.id,
        name: 'Euro',
        billingModel: 'PER_SEAT',
        currency: 'EUR',
        monthlyPriceCents: 1000,
      },
    },
  );
  expect(refusal(euro)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'currency',
    reason: 'PRICING_CURRENCY_MISMATCH',
  });
  const blank = await t.gql(UPDATE_TASK, {
    input: { id: (await buildTask(t, launch)).id, title: '   ' },
  });
  expect(refusal(blank)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'title',
    reason: 'INVALID_VALUE',
  });
});

// Static: every AppError a module builds names a reason of that module's own
// *.errors.ts, and README's table lists every reason there is.
const SRC = join(__dirname, '..', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The argument text of each `AppError.x(...)` / `new AppError(...)` call in `text`. */
function appErrorCalls(text: string): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(/(?:AppError\.\w+|new AppError|assertVersion)\(/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0) {
      if (text[end] === '(') depth += 1;
      if (text[end] === ')') depth -= 1;
      end += 1;
    }
    calls.push(text.slice(match.index, end));
  }
  return calls;
}

/** Every reason string declared in the errors files (string enums). */
function declaredReasons(): string[] {
  const files = [
    ...tsFiles(join(SRC, 'modules')).filter((f) => f.endsWith('.errors.ts')),
    join(SRC, 'core', 'errors.ts'),
    join(SRC, 'core', 'auth', 'auth.errors.ts'),
  ];
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s+([A-Z_]+) = /gm)].map((m) => m[1]),
  );
}

test('every AppError thrown in src/modules carries a reason of its own module', () => {
  const modules = readdirSync(join(SRC, 'modules'), { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  );
  const missing: string[] = [];
  let calls = 0;
  for (const module of modules) {
    const dir = join(SRC, 'modules', module.name);
    const errorsFile = readdirSync(dir).find((f) => f.endsWith('.errors.ts'));
    const enumName = errorsFile
      ? /export enum (\w+)/.exec(readFileSync(join(dir, errorsFile), 'utf8'))?.[1]
      : undefined;
    for (const file of tsFiles(dir)) {
      for (const call of appErrorCalls(readFileSync(file, 'utf8'))) {
        if (call === 'AppError.code(') continue;
        calls += 1;
        if (!enumName || !call.includes(`${enumName}.`))
          missing.push(`${file.slice(SRC.length + 1)}: ${call.slice(0, 60)}`);
      }
    }
  }
  expect(calls).toBeGreaterThan(50);
  expect(missing).toEqual([]);
});

test('README "Error codes" lists every reason', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const reasons = [...new Set(declaredReasons())];
  expect(reasons.length).toBeGreaterThan(30);
  const unlisted = reasons.filter((r) => !new RegExp(`\\| \`${r}\` \\|`).test(readme));
  expect(unlisted).toEqual([]);
});
