import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LaunchesAndTasks1764160000000 implements MigrationInterface {
  name = 'LaunchesAndTasks1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE launches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        product text NOT NULL CHECK (length(btrim(product)) BETWEEN 1 AND 200),
        summary text CHECK (length(summary) <= 10000),
        tier text NOT NULL CHECK (tier IN ('TIER_1','TIER_2','TIER_3')),
        launch_date date NOT NULL,
        status text NOT NULL DEFAULT 'PLANNING' CHECK (status IN ('PLANNING','READY','LAUNCHED','CANCELLED')),
        pm_owner_id uuid NOT NULL REFERENCES people(id),
        pmm_owner_id uuid NOT NULL REFERENCES people(id),
        version integer NOT NULL DEFAULT 1,
        checklist_revision integer NOT NULL DEFAULT 0,
        checklist_updated_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX launches_launch_date_id_idx ON launches (launch_date, id)`);
    await q.query(`CREATE INDEX launches_created_at_id_idx ON launches (created_at, id)`);
    await q.query(`CREATE INDEX launches_name_id_idx ON launches (name, id)`);
    await q.query(`CREATE INDEX launches_pm_owner_id_idx ON launches (pm_owner_id)`);
    await q.query(`CREATE INDEX launches_pmm_owner_id_idx ON launches (pmm_owner_id)`);
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        template_key text,
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 10000),
        owner_role text NOT NULL CHECK (owner_role IN
          ('PM','PMM','ENGINEERING','DESIGN','SALES','MARKETING','SUPPORT','LEGAL','EXECUTIVE')),
        assignee_id uuid REFERENCES people(id),
        status text NOT NULL DEFAULT 'TODO' CHECK (status IN ('TODO','IN_PROGRESS','BLOCKED','DONE','SKIPPED')),
        required boolean NOT NULL DEFAULT false,
        due_date date,
        blocked_reason text CHECK (length(blocked_reason) <= 10000),
        completed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tasks_launch_id_due_idx ON tasks (launch_id, due_date, id)`);
    await q.query(
      `CREATE INDEX tasks_assignee_id_idx ON tasks (assignee_id) WHERE assignee_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE task_dependencies (
        task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        depends_on_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        PRIMARY KEY (task_id, depends_on_id),
        CHECK (task_id <> depends_on_id)
      )`);
    await q.query(
      `CREATE INDEX task_dependencies_depends_on_id_idx ON task_dependencies (depends_on_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_dependencies`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP TABLE launches`);
  }
}
