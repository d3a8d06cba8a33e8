import path from 'node:path';

/** Every environment variable the process reads, checked once and typed. */
export interface AppConfig {
  /** HTTP and WebSocket port; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback by default. */
  host: string;
  /** External PostgreSQL; when absent an embedded one is started. */
  databaseUrl?: string;
  /** Bootstrap admin credential; never stored. */
  adminToken?: string;
  logLevel: string;
  /** Where the embedded database and the demo token live. */
  dataDir: string;
  /** Load the demo data set when the embedded database is empty. */
  seedDemo: boolean;
  /** Size of the TypeORM connection pool. */
  poolSize: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer in 0..65535, got "${raw}"`);
  }
  return port;
}

function parsePositiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/** Reads and validates the environment; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN must be at least 16 characters');
  }
  return {
    port: parsePort(env.PORT, 4000),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    adminToken,
    logLevel,
    dataDir: path.resolve(env.DATA_DIR || path.join(process.cwd(), '.data')),
    seedDemo: env.SEED_DEMO === undefined ? !databaseUrl : env.SEED_DEMO === 'true',
    poolSize: parsePositiveInt('DB_POOL_SIZE', env.DB_POOL_SIZE, 10),
  };
}
