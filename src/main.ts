import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig } from './core/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const started = Date.now();
  const app = await createApp(config, logger);
  logger.info({ url: app.url, ms: Date.now() - started }, 'ready');
  const lines = [
    '',
    `  Launch planning API ready in ${Date.now() - started} ms`,
    `  GraphQL (HTTP and WebSocket): ${app.url}`,
    ...(app.demoAdminToken ? [`  Demo admin token (Jordan Blake): ${app.demoAdminToken}`] : []),
    `  Try: curl -s ${app.url} -H 'content-type: application/json' \\`,
    `         -H 'authorization: Bearer ${app.demoAdminToken ?? '<token>'}' -d '{"query":"{ me { name } }"}'`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

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

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
