import 'reflect-metadata';
import pino, { type Logger } from 'pino';
import { createApp, type App } from './app';
import { ConfigError, loadConfig } from './core/config';

/**
 * SIGTERM and SIGINT, handled from the process's first line: during start-up they abort it
 * (createApp stops what it started, embedded PostgreSQL included), once started they dispose
 * the app; either way the process exits 0. Another signal while stopping changes nothing.
 */
class Shutdown {
  private readonly starting = new AbortController();
  private app: App | undefined;
  private stopping = false;
  logger: Logger | undefined;
  /** Aborted by a signal that arrives before the app has started. */
  readonly signal = this.starting.signal;

  constructor() {
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    process.on('SIGINT', () => void this.stop('SIGINT'));
  }

  /** The started app; stopped during start-up, exits 0 once createApp has cleaned up. */
  async started(starting: Promise<App>): Promise<App> {
    let app: App;
    try {
      app = await starting;
    } catch (error) {
      if (!this.signal.aborted) throw error;
      this.logger?.info({ reason: String(this.signal.reason) }, 'stopped during start-up');
      process.exit(0);
    }
    this.app = app;
    // A signal that came after createApp's last step.
    if (this.signal.aborted) await this.dispose();
    return app;
  }

  private async stop(signal: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.logger?.info({ signal }, 'shutting down');
    if (this.app) await this.dispose();
    else this.starting.abort(new Error(`${signal} during start-up`));
  }

  private async dispose(): Promise<void> {
    await this.app?.dispose();
    this.logger?.info('stopped');
    process.exit(0);
  }
}

async function main(): Promise<void> {
  const shutdown = new Shutdown();
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  shutdown.logger = logger;
  const app = await shutdown.started(createApp(config, logger, shutdown.signal));
  // From the process's own start: what a newcomer waits for after `npm start` builds nothing.
  const seconds = process.uptime().toFixed(2);
  logger.info({ url: app.url, seconds }, 'ready');
  process.stdout.write(`${banner(app, seconds).join('\n')}\n`);
}

function banner(app: App, seconds: string): string[] {
  const origin = new URL(app.url).origin;
  const token = app.demoAdminToken ?? '<token>';
  const lines = [
    '',
    `  Launch planning API started in ${seconds} s`,
    `  GraphQL (HTTP and WebSocket): ${app.url}`,
    `  Explorer (GraphiQL): ${origin}/    Live launch board: ${origin}/board`,
  ];
  if (app.demoAdminToken) {
    lines.push(`  Demo admin token (Jordan Blake): ${app.demoAdminToken}`);
  } else if (app.emptyDatabase) {
    lines.push(
      '  No people in this database yet: `npm run seed` (same DATABASE_URL) loads the demo',
      '  data and prints an admin token; or call the API with ADMIN_TOKEN.',
    );
  } else {
    lines.push('  Token: ADMIN_TOKEN, or one made with the createApiToken mutation.');
  }
  lines.push(
    `  Try: curl -s ${app.url} -H 'content-type: application/json' \\`,
    `         -H 'authorization: Bearer ${token}' -d '{"query":"{ me { name } }"}'`,
    '',
  );
  return lines;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
