import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleAndTokens1764150000000 implements MigrationInterface {
  name = 'PeopleAndTokens1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (position('@' IN email) > 1),
        discipline text NOT NULL CHECK (discipline IN
          ('PM','PMM','ENGINEERING','DESIGN','SALES','MARKETING','SUPPORT','LEGAL','EXECUTIVE')),
        access_level text NOT NULL CHECK (access_level IN ('ADMIN','MEMBER','VIEWER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX people_email_lower_key ON people (lower(email))`);
    await q.query(`CREATE INDEX people_name_id_idx ON people (name, id)`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        label text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_tokens_person_id_idx ON api_tokens (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE people`);
  }
}
