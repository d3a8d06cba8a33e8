import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { generateToken, hashToken } from '../src/core/auth/tokens';
import { seedDemoLaunches } from './demo-launches';
import { seedDemoMessaging } from './demo-messaging';
import { DEMO_ADMIN_ID, DEMO_ADMIN_TOKEN_ID, demoPeople } from './demo-people';
import { seedDemoPricing } from './demo-pricing';
import { seedDemoReadiness } from './demo-readiness';

/** Loads the demo data set; idempotent (fixed ids, ON CONFLICT DO NOTHING). */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO people (id, name, email, discipline, access_level)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        demoPeople.map((p) => p.id),
        demoPeople.map((p) => p.name),
        demoPeople.map((p) => p.email),
        demoPeople.map((p) => p.discipline),
        demoPeople.map((p) => p.accessLevel),
      ],
    );
    await seedDemoLaunches(manager);
    await seedDemoPricing(manager);
    await seedDemoMessaging(manager);
    await seedDemoReadiness(manager);
  });
}

/** True when the database holds no people yet. */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const rows: Array<{ any: boolean }> = await dataSource.query(
    'SELECT EXISTS (SELECT 1 FROM people) AS any',
  );
  return !rows[0].any;
}

/**
 * The demo admin's token: kept in `<dataDir>/demo-admin-token` so every
 * start prints the same one; its hash is (re)inserted under a fixed id.
 */
export async function ensureDemoAdminToken(
  dataSource: DataSource,
  dataDir: string,
): Promise<string> {
  const file = path.join(dataDir, 'demo-admin-token');
  let token = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (!token) {
    token = generateToken();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  }
  await dataSource.query(
    `INSERT INTO api_tokens (id, person_id, label, token_hash) VALUES ($1, $2, 'demo admin', $3)
     ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, revoked_at = NULL`,
    [DEMO_ADMIN_TOKEN_ID, DEMO_ADMIN_ID, hashToken(token)],
  );
  return token;
}
