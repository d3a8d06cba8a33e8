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
import { formatReport, lostUpdateCheck, type Gql } from './lost-updates';

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
    const gql: Gql = async (query, variables) => {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${database.env.ADMIN_TOKEN}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as Awaited<ReturnType<Gql>>;
    };
    process.stdout.write(
      `lost-update check: ${clients} clients x ${edits} edits on a task, a launch and a brief ` +
        `(${database.description})\n`,
    );
    const reports = await lostUpdateCheck({
      gql,
      sql: async (text, params) =>
        (await sqlClient.query<Record<string, unknown>>(text, params)).rows,
      clients,
      edits,
    });
    for (const report of reports) {
      process.stdout.write(`${formatReport(report)}\n`);
      if (report.other.length)
        process.stdout.write(`  other answers: ${report.other.join(', ')}\n`);
      failed ||= formatReport(report).endsWith('LOST UPDATES');
    }
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
