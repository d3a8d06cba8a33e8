import { Client } from 'pg';
import {
  notificationPayloadSql,
  parseNotification,
} from '../src/modules/activity-log/activity-notification.sql';
import { createTestDatabase } from './support/test-app';

const LAUNCH = '3f2b1c4e-0000-4000-8000-000000000001';

describe('the launch NOTIFY payload', () => {
  it('is written by PostgreSQL as the parser reads it', async () => {
    const db = await createTestDatabase();
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const sql = `SELECT ${notificationPayloadSql('$1::uuid', '$2::boolean')} AS payload`;
      for (const checklist of [true, false]) {
        const { rows } = await pg.query(sql, [LAUNCH, checklist]);
        expect(parseNotification(rows[0].payload)).toEqual({ launchId: LAUNCH, checklist });
      }
    } finally {
      await pg.end();
      await db.drop();
    }
  });

  it("understands the previous release's launchId:seq:flag during a rolling upgrade", () => {
    expect(parseNotification(`${LAUNCH}:42:1`)).toEqual({ launchId: LAUNCH, checklist: true });
    expect(parseNotification(`${LAUNCH}:42:0`)).toEqual({ launchId: LAUNCH, checklist: false });
  });

  it('ignores what it cannot read', () => {
    for (const payload of ['', LAUNCH, `${LAUNCH}:x`, `:1`]) {
      expect(parseNotification(payload)).toBeNull();
    }
  });
});
