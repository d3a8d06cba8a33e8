import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: cost budgets shared by every instance, a NOTIFY when a token is
 * revoked or a person's access changes (open sockets are closed on every
 * instance), and dates kept within 1900-9999 (NOT VALID: rows written before
 * are left as they are; every new write is checked).
 */
export class Hardening1764400000000 implements MigrationInterface {
  name = 'Hardening1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cost_budgets (
        token_key text NOT NULL,
        window_start bigint NOT NULL,
        spent integer NOT NULL CHECK (spent >= 0),
        PRIMARY KEY (token_key, window_start)
      )`);
    await q.query(`
      CREATE FUNCTION notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'api_tokens' THEN
          IF TG_OP = 'DELETE' THEN
            PERFORM pg_notify('access_changed', 'token:' || OLD.id::text);
          ELSIF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
            PERFORM pg_notify('access_changed', 'token:' || NEW.id::text);
          END IF;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('access_changed', 'person:' || OLD.id::text || ':NONE');
        ELSIF NEW.access_level IS DISTINCT FROM OLD.access_level THEN
          PERFORM pg_notify('access_changed', 'person:' || NEW.id::text || ':' || NEW.access_level);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER api_tokens_access_changed AFTER UPDATE OF revoked_at OR DELETE ON api_tokens
      FOR EACH ROW EXECUTE FUNCTION notify_access_changed()`);
    await q.query(`
      CREATE TRIGGER people_access_changed AFTER UPDATE OF access_level OR DELETE ON people
      FOR EACH ROW EXECUTE FUNCTION notify_access_changed()`);
    await q.query(`
      ALTER TABLE launches ADD CONSTRAINT launches_launch_date_range
      CHECK (launch_date BETWEEN DATE '1900-01-01' AND DATE '9999-12-31') NOT VALID`);
    await q.query(`
      ALTER TABLE tasks ADD CONSTRAINT tasks_due_date_range
      CHECK (due_date BETWEEN DATE '1900-01-01' AND DATE '9999-12-31') NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_due_date_range`);
    await q.query(`ALTER TABLE launches DROP CONSTRAINT launches_launch_date_range`);
    await q.query(`DROP TRIGGER people_access_changed ON people`);
    await q.query(`DROP TRIGGER api_tokens_access_changed ON api_tokens`);
    await q.query(`DROP FUNCTION notify_access_changed()`);
    await q.query(`DROP TABLE cost_budgets`);
  }
}
