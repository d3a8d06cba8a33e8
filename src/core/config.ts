import path from 'node:path';
import { cleanEnv, makeValidator, str } from 'envalid';

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
  /** As root: where the PostgreSQL binaries are copied for the postgres user. */
  pgCacheDir: string;
  /** Browser origins allowed to call the API (CORS) and to open its WebSocket. */
  corsOrigins: string[];
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = (min: number, max: number) =>
  makeValidator<number>((input) => {
    const value = Number(input);
    if (!/^\d+$/.test(input.trim()) || value < min || value > max) {
      throw new Error(`must be an integer in ${min}..${max}, got "${input}"`);
    }
    return value;
  });

/** Only the two words: "yes", "1" or "on" are refused rather than guessed. */
const strictBool = makeValidator<boolean>((input) => {
  if (input === 'true') return true;
  if (input === 'false') return false;
  throw new Error(`must be true or false, got "${input}"`);
});

const postgresUrl = makeValidator<string>((input) => {
  if (!/^postgres(ql)?:\/\/./.test(input)) {
    throw new Error('must start with postgres:// or postgresql://');
  }
  return input;
});

const secret = makeValidator<string>((input) => {
  if (input.length < 16) throw new Error('must be at least 16 characters');
  return input;
});

const origins = makeValidator<string[]>((input) =>
  input
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin) {
        throw new Error(`"${origin}" is not an origin such as https://tools.example.com`);
      }
      return origin;
    }),
);

/** The one place where variables are named, typed, defaulted and described. */
const SPECS = {
  PORT: integer(0, 65535)({ default: 4000, desc: 'HTTP and WebSocket port; 0 picks a free one' }),
  HOST: str({ default: '127.0.0.1', desc: 'Interface to bind (0.0.0.0 for every interface)' }),
  DATABASE_URL: postgresUrl({
    default: undefined,
    desc: 'PostgreSQL to use; unset starts an embedded one with its data in DATA_DIR',
  }),
  ADMIN_TOKEN: secret({ default: undefined, desc: 'Bootstrap admin bearer token (16+ chars)' }),
  LOG_LEVEL: str({ choices: LOG_LEVELS, default: 'info', desc: 'pino log level' }),
  DATA_DIR: str({ default: '.data', desc: 'Embedded database and demo token folder' }),
  SEED_DEMO: strictBool({
    default: undefined,
    desc: 'true/false: load the demo data into an empty database (default: true when embedded)',
  }),
  DB_POOL_SIZE: integer(1, 1000)({ default: 10, desc: 'Database connection pool size' }),
  PG_CACHE_DIR: str({
    default: '/var/cache/launch-planning-api',
    desc: 'As root: where the PostgreSQL binaries are copied so the postgres user can run them',
  }),
  CORS_ORIGINS: origins({
    default: [],
    desc: 'Comma-separated browser origins allowed over HTTP (CORS) and WebSocket; none by default',
  }),
};

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable counts as unset, as it did before the library.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const clean = cleanEnv(present, SPECS, {
    reporter: ({ errors }) => {
      const lines = Object.entries(errors).map(([name, error]) =>
        error instanceof Error ? `${name} ${error.message}` : `${name} is invalid`,
      );
      if (lines.length > 0) throw new ConfigError(lines.join('; '));
    },
  });
  return {
    port: clean.PORT,
    host: clean.HOST,
    databaseUrl: clean.DATABASE_URL,
    adminToken: clean.ADMIN_TOKEN,
    logLevel: clean.LOG_LEVEL,
    dataDir: path.resolve(clean.DATA_DIR),
    seedDemo: clean.SEED_DEMO ?? !clean.DATABASE_URL,
    poolSize: clean.DB_POOL_SIZE,
    pgCacheDir: clean.PG_CACHE_DIR,
    corsOrigins: clean.CORS_ORIGINS,
  };
}
