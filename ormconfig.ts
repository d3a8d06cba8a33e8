import pino from 'pino';
import { createAppDataSource } from './src/modules';

/** The DataSource the TypeORM CLI uses (migration:generate/run/revert): DATABASE_URL is required. */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to run TypeORM CLI commands');

export default createAppDataSource({
  url,
  logger: pino({ level: process.env.LOG_LEVEL ?? 'info' }),
});
