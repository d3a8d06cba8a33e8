import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MessagingBriefs1764190000000 implements MigrationInterface {
  name = 'MessagingBriefs1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messaging_briefs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        audience text NOT NULL CHECK (length(btrim(audience)) BETWEEN 1 AND 200),
        owner_id uuid NOT NULL REFERENCES people(id),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','IN_REVIEW','APPROVED')),
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX messaging_briefs_launch_audience_key ON messaging_briefs (launch_id, lower(audience))`,
    );
    await q.query(`
      CREATE TABLE messaging_brief_revisions (
        brief_id uuid NOT NULL REFERENCES messaging_briefs(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT','IN_REVIEW','APPROVED')),
        audience text NOT NULL,
        positioning_statement text NOT NULL CHECK (length(positioning_statement) <= 10000),
        positioning jsonb,
        value_pillars jsonb NOT NULL DEFAULT '[]',
        key_messages jsonb NOT NULL DEFAULT '[]',
        competitive_alternatives jsonb NOT NULL DEFAULT '[]',
        call_to_action text CHECK (length(call_to_action) <= 10000),
        author_id uuid REFERENCES people(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        approved_by_id uuid REFERENCES people(id),
        approved_at timestamptz,
        review_comment text CHECK (length(review_comment) <= 2000),
        PRIMARY KEY (brief_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE messaging_brief_revisions`);
    await q.query(`DROP TABLE messaging_briefs`);
  }
}
