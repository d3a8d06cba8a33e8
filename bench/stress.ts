/**
 * npm run stress: the lost-update check at full size (STRESS_CLIENTS x STRESS_EDITS,
 * 20 x 200 by default) on a throwaway database, against a server in this process.
 * Prints one line per object and exits 1 when an update was lost.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { createApp } from '../src/app';
import { loadConfig } from '../src/core/config';
import { prepareDatabase } from './database';
import { formatReport, lostUpdateCheck, type Gql, type LostUpdateReport } from './lost-updates';

function adminGql(url: string, token: string | undefined): Gql {
  return async (query, variables) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Awaited<ReturnType<Gql>>;
  };
}

/** Prints one line per object; true when an update was lost. */
function printReports(reports: LostUpdateReport[]): boolean {
  let failed = false;
  for (const report of reports) {
    process.stdout.write(`${formatReport(report)}\n`);
    if (report.other.length) process.stdout.write(`  other answers: ${report.other.join(', ')}\n`);
    failed ||= formatReport(report).endsWith('LOST UPDATES');
  }
  return failed;
}

async function main(): Promise<void> {
  const clients = Number(process.env.STRESS_CLIENTS ?? 20);
  const edits = Number(process.env.STRESS_EDITS ?? 200);
  const database = await prepareDatabase();
  const app = await createApp(loadConfig(database.env));
  const sqlClient = new Client({
    connectionString: (app.dataSource.options as { url?: string }).url,
  });
  let failed = false;
  try {
    await sqlClient.connect();
    process.stdout.write(
      `lost-update check: ${clients} clients x ${edits} edits on a task, a launch and a brief ` +
        `(${database.description})\n`,
    );
    const reports = await lostUpdateCheck({
      gql: adminGql(app.url, database.env.ADMIN_TOKEN),
      sql: async (text, params) =>
        (await sqlClient.query<Record<string, unknown>>(text, params)).rows,
      clients,
      edits,
    });
    failed = printReports(reports);
  } finally {
    await sqlClient.end().catch(() => undefined);
    await app.dispose();
    await database.cleanup();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
