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
  /** Query limits, cost budget and socket limits (README "Limits"). */
  limits: LimitsConfig;
  /** `contract`: accept only the operations of test/contract/ (README "Trusted documents"). */
  trustedDocuments: 'off' | 'contract';
  /** On SIGTERM/SIGINT: how long requests in flight may still run (SHUTDOWN_DRAIN_SECONDS). */
  drainSeconds: number;
}

/** What one operation, one token and one socket may use; every figure is configurable. */
export interface LimitsConfig {
  /** Deepest field nesting (QUERY_MAX_DEPTH). */
  depth: number;
  /** Aliases in one operation (QUERY_MAX_ALIASES). */
  aliases: number;
  /** Lexical tokens in one document (QUERY_MAX_TOKENS). */
  tokens: number;
  /** Directives in one operation (QUERY_MAX_DIRECTIVES). */
  directives: number;
  /** Estimated cost of one operation (QUERY_MAX_COST). */
  cost: number;
  /** Page size assumed for a connection whose `first` is not given (the schema default). */
  defaultPageSize: number;
  /** Cost a token may spend per minute over HTTP and WebSocket together (RATE_LIMIT_COST_PER_MINUTE). */
  costPerMinute: number;
  /** Request body and WebSocket frame limit in bytes (MAX_BODY_BYTES). */
  bodyBytes: number;
  /** Operations in flight on one socket (WS_MAX_SUBSCRIPTIONS). */
  subscriptionsPerSocket: number;
  /** Open sockets per token on one instance (WS_MAX_SOCKETS_PER_TOKEN). */
  socketsPerToken: number;
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

/** A positive whole-number limit with its default. */
const limit = (max: number, fallback: number, desc: string) =>
  integer(1, max)({ default: fallback, desc });

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
  QUERY_MAX_DEPTH: limit(1000, 12, 'Deepest field nesting of one operation'),
  QUERY_MAX_ALIASES: limit(10_000, 20, 'Aliases in one operation'),
  QUERY_MAX_TOKENS: limit(1_000_000, 1000, 'Lexical tokens in one document'),
  QUERY_MAX_DIRECTIVES: limit(1000, 10, 'Directives in one operation'),
  QUERY_MAX_COST: limit(1e9, 5000, 'Estimated cost of one operation (connections: × first)'),
  RATE_LIMIT_COST_PER_MINUTE: limit(1e9, 100_000, 'Cost per token per minute, all instances'),
  MAX_BODY_BYTES: integer(
    1024,
    100 * 1024 * 1024,
  )({
    default: 1_048_576,
    desc: 'Request body and WebSocket frame limit in bytes',
  }),
  WS_MAX_SUBSCRIPTIONS: limit(100_000, 100, 'Operations in flight on one socket (4429 beyond)'),
  WS_MAX_SOCKETS_PER_TOKEN: limit(100_000, 64, 'Sockets per token on one instance (4429 beyond)'),
  TRUSTED_DOCUMENTS: str({
    choices: ['off', 'contract'] as const,
    default: 'off',
    desc: 'contract: accept only the operations of test/contract/ (by hash or exact text)',
  }),
  SHUTDOWN_DRAIN_SECONDS: integer(
    0,
    3600,
  )({
    default: 10,
    desc: 'On SIGTERM/SIGINT: how long requests in flight may run before their database work is ended (they answer 503)',
  }),
};

/** The environment through envalid; throws ConfigError naming every bad variable. */
function cleanEnvironment(env: NodeJS.ProcessEnv) {
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
  if (clean.RATE_LIMIT_COST_PER_MINUTE < clean.QUERY_MAX_COST) {
    throw new ConfigError(
      `RATE_LIMIT_COST_PER_MINUTE (${clean.RATE_LIMIT_COST_PER_MINUTE}) must be at least QUERY_MAX_COST (${clean.QUERY_MAX_COST})`,
    );
  }
  return clean;
}

function limitsOf(clean: ReturnType<typeof cleanEnvironment>): LimitsConfig {
  return {
    depth: clean.QUERY_MAX_DEPTH,
    aliases: clean.QUERY_MAX_ALIASES,
    tokens: clean.QUERY_MAX_TOKENS,
    directives: clean.QUERY_MAX_DIRECTIVES,
    cost: clean.QUERY_MAX_COST,
    defaultPageSize: 50,
    costPerMinute: clean.RATE_LIMIT_COST_PER_MINUTE,
    bodyBytes: clean.MAX_BODY_BYTES,
    subscriptionsPerSocket: clean.WS_MAX_SUBSCRIPTIONS,
    socketsPerToken: clean.WS_MAX_SOCKETS_PER_TOKEN,
  };
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const clean = cleanEnvironment(env);
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
    limits: limitsOf(clean),
    trustedDocuments: clean.TRUSTED_DOCUMENTS,
    drainSeconds: clean.SHUTDOWN_DRAIN_SECONDS,
  };
}
