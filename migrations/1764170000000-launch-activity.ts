import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LaunchActivity1764170000000 implements MigrationInterface {
  name = 'LaunchActivity1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE launches ADD COLUMN activity_seq integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE launch_activity (
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        type text NOT NULL CHECK (type IN ('LAUNCH_CREATED','LAUNCH_UPDATED','LAUNCH_TRANSITIONED',
          'TASK_CREATED','TASK_UPDATED','TASK_DELETED','PRICING_TIER_CHANGED','PRICING_SCENARIO_CHANGED',
          'PRICING_SCENARIO_APPLIED','MESSAGING_BRIEF_CHANGED','MESSAGING_BRIEF_APPROVED')),
        actor_id uuid REFERENCES people(id),
        subject_id text NOT NULL,
        summary text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (launch_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE launch_activity`);
    await q.query(`ALTER TABLE launches DROP COLUMN activity_seq`);
  }
}
