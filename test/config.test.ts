import { ConfigError, loadConfig } from '../src/core/config';
import { MAIN, runNode, waitForOutput } from './support/built';
import { createTestDatabase } from './support/test-app';

describe('configuration', () => {
  it('types every variable and applies the defaults', () => {
    const config = loadConfig({
      PORT: '0',
      SEED_DEMO: 'false',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      seedDemo: false,
      poolSize: 10,
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
    });
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).seedDemo).toBe(false);
  });

  it.each([
    [{ SEED_DEMO: 'yes' }, /SEED_DEMO must be true or false, got "yes"/],
    [{ PORT: '80a' }, /PORT must be an integer in 0\.\.65535/],
    [{ DB_POOL_SIZE: '0' }, /DB_POOL_SIZE must be an integer in 1\.\.1000/],
    [{ DATABASE_URL: 'mysql://db' }, /DATABASE_URL must start with postgres:\/\//],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [
      { CORS_ORIGINS: 'https://a.example/path' },
      /CORS_ORIGINS "https:\/\/a.example\/path" is not an origin/,
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', SEED_DEMO: 'on' })).toThrow(/PORT .*; SEED_DEMO /);
  });

  describe('the server process', () => {
    let db: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db.drop();
    });

    it('stops on SEED_DEMO=yes, naming it, before touching any database', async () => {
      const run = runNode([MAIN], { env: { SEED_DEMO: 'yes' } });
      expect(await run.exited).toBe(2);
      expect(run.output()).toContain(
        'Configuration error: SEED_DEMO must be true or false, got "yes"',
      );
    });

    it('reports a HOST that cannot be bound as such', async () => {
      const run = runNode([MAIN], {
        env: { DATABASE_URL: db.url, HOST: '999.1.1.1', PORT: '0', LOG_LEVEL: 'silent' },
      });
      expect(await run.exited).toBe(2);
      expect(run.output()).toMatch(/Configuration error: HOST=999\.1\.1\.1 PORT=0 cannot be bound/);
      expect(run.output()).not.toMatch(/WebSocket/i);
    }, 30_000);

    it('with DATABASE_URL and an empty database, the banner says how to get a token', async () => {
      const run = runNode([MAIN], {
        env: { DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent' },
      });
      try {
        await waitForOutput(run, /started in \d+\.\d+ s[\s\S]*Try: curl/);
        expect(run.output()).toContain('`npm run seed` (same DATABASE_URL)');
        expect(run.output()).not.toContain('Demo admin token');
      } finally {
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
      }
    }, 30_000);
  });
});
