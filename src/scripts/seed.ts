import 'reflect-metadata';
import pino from 'pino';
import { ensureDemoAdminToken, seedDemoData } from '../../seeds';
import { loadConfig } from '../core/config';
import { migrate } from '../core/db/data-source';
import { createAppDataSource } from '../modules';

/** `npm run seed`: loads the demo data into DATABASE_URL (idempotent) and prints the demo admin token. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    process.stderr.write(
      'Set DATABASE_URL; the embedded database is seeded by `npm start` on its own.\n',
    );
    process.exit(2);
  }
  const logger = pino({ level: config.logLevel });
  const dataSource = createAppDataSource({ url: config.databaseUrl, logger });
  await dataSource.initialize();
  try {
    await migrate(dataSource, config.databaseUrl);
    await seedDemoData(dataSource);
    const token = await ensureDemoAdminToken(dataSource, config.dataDir);
    process.stdout.write(`Demo data loaded. Demo admin token: ${token}\n`);
  } finally {
    await dataSource.destroy();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${String(error)}\n`);
  process.exit(1);
});
