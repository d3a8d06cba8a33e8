import 'reflect-metadata';
import pino from 'pino';
import { createApp, type App } from './app';
import { ConfigError, loadConfig } from './core/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const app = await createApp(config, logger);
  // From the process's own start: what a newcomer waits for after `npm start` builds nothing.
  const seconds = process.uptime().toFixed(2);
  logger.info({ url: app.url, seconds }, 'ready');
  process.stdout.write(`${banner(app, seconds).join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.dispose();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
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
