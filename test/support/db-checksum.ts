import type { TestApp } from './test-app';

/**
 * Tables a refused mutation may still touch: the migrations log, and the cost
 * budget (every operation is metered, accepted or not; README "Limits").
 */
const NOT_DATA = new Set(['migrations', 'cost_budgets']);

const statements = new WeakMap<TestApp, Promise<string>>();

/** One statement that digests every row of every data table (md5 of the sorted rows). */
async function checksumStatement(t: TestApp): Promise<string> {
  const rows = await t.sql<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const parts = rows
    .map((r) => r.tablename)
    .filter((name) => !NOT_DATA.has(name))
    .map(
      (name) =>
        `SELECT '${name}' AS name, count(*)::int AS n, ` +
        `md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM "${name}" x`,
    );
  return parts.join(' UNION ALL ');
}

/** `table: rows digest` for every data table: equal before and after means nothing was written. */
export async function tableChecksums(t: TestApp): Promise<Record<string, string>> {
  let statement = statements.get(t);
  if (!statement) {
    statement = checksumStatement(t);
    statements.set(t, statement);
  }
  const rows = await t.sql<{ name: string; n: number; digest: string }>(await statement);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.digest}`]));
}
