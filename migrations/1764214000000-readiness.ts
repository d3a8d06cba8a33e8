import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIVITY_TYPES_BEFORE = `'LAUNCH_CREATED','LAUNCH_UPDATED','LAUNCH_TRANSITIONED',
  'TASK_CREATED','TASK_UPDATED','TASK_DELETED','PRICING_TIER_CHANGED','PRICING_SCENARIO_CHANGED',
  'PRICING_SCENARIO_APPLIED','MESSAGING_BRIEF_CHANGED','MESSAGING_BRIEF_APPROVED'`;

/**
 * Readiness: task phases and deliverables, launchedAt, sign-offs, go/no-go
 * decisions and the activity row's field changes. Existing template tasks get
 * their phase from the template key (the keys as of this migration); other
 * tasks from their due date against the launch date.
 */
export class Readiness1764214000000 implements MigrationInterface {
  name = 'Readiness1764214000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN phase text NOT NULL DEFAULT 'PRE_LAUNCH'
          CHECK (phase IN ('PRE_LAUNCH','LAUNCH_DAY','POST_LAUNCH')),
        ADD COLUMN completed_by text
          CHECK (completed_by IN ('MESSAGING_BRIEF_APPROVED','PRICING_SCENARIO_APPLIED'))`);
    await q.query(`
      WITH k(key, phase, completed_by) AS (VALUES
          ('announcement-email-scheduled', 'PRE_LAUNCH', NULL),
          ('beta-feedback-reviewed', 'PRE_LAUNCH', NULL),
          ('beta-programme-started', 'PRE_LAUNCH', NULL),
          ('changelog-published', 'LAUNCH_DAY', NULL),
          ('code-freeze', 'PRE_LAUNCH', NULL),
          ('competitive-battlecard-published', 'PRE_LAUNCH', NULL),
          ('crm-skus-configured', 'PRE_LAUNCH', NULL),
          ('customer-case-study-drafted', 'PRE_LAUNCH', NULL),
          ('designs-finalised', 'PRE_LAUNCH', NULL),
          ('early-access-feedback-reviewed', 'PRE_LAUNCH', NULL),
          ('feature-flag-rollout', 'LAUNCH_DAY', NULL),
          ('final-designs-approved', 'PRE_LAUNCH', NULL),
          ('go-no-go-decision', 'PRE_LAUNCH', NULL),
          ('help-article-updated', 'PRE_LAUNCH', NULL),
          ('help-centre-articles-written', 'PRE_LAUNCH', NULL),
          ('in-app-and-website-announcements-ready', 'PRE_LAUNCH', NULL),
          ('in-app-announcement-designed', 'PRE_LAUNCH', NULL),
          ('internal-announcement-sent', 'PRE_LAUNCH', NULL),
          ('internal-dogfood-enabled', 'PRE_LAUNCH', NULL),
          ('launch-announcement-published', 'LAUNCH_DAY', NULL),
          ('launch-assets-designed', 'PRE_LAUNCH', NULL),
          ('launch-blog-post-drafted', 'PRE_LAUNCH', NULL),
          ('launch-kickoff-held', 'PRE_LAUNCH', NULL),
          ('launch-readiness-review', 'PRE_LAUNCH', NULL),
          ('launch-retrospective-held', 'POST_LAUNCH', NULL),
          ('legal-claims-reviewed', 'PRE_LAUNCH', NULL),
          ('legal-terms-reviewed', 'PRE_LAUNCH', NULL),
          ('messaging-brief-approved', 'PRE_LAUNCH', 'MESSAGING_BRIEF_APPROVED'),
          ('monitoring-dashboards-ready', 'PRE_LAUNCH', NULL),
          ('on-call-and-status-page-ready', 'PRE_LAUNCH', NULL),
          ('partner-enablement-delivered', 'PRE_LAUNCH', NULL),
          ('plan-entitlements-confirmed', 'PRE_LAUNCH', 'PRICING_SCENARIO_APPLIED'),
          ('positioning-approved', 'PRE_LAUNCH', NULL),
          ('positioning-messaging-approved', 'PRE_LAUNCH', 'MESSAGING_BRIEF_APPROVED'),
          ('press-briefings-held', 'PRE_LAUNCH', NULL),
          ('pricing-confirmed', 'PRE_LAUNCH', 'PRICING_SCENARIO_APPLIED'),
          ('pricing-page-live', 'LAUNCH_DAY', NULL),
          ('privacy-assessment-completed', 'PRE_LAUNCH', NULL),
          ('qa-sign-off', 'PRE_LAUNCH', NULL),
          ('release-notes-drafted', 'PRE_LAUNCH', NULL),
          ('requirements-signed-off', 'PRE_LAUNCH', NULL),
          ('rollback-plan-rehearsed', 'PRE_LAUNCH', NULL),
          ('sales-enablement-deck-ready', 'PRE_LAUNCH', NULL),
          ('sales-one-pager-published', 'PRE_LAUNCH', NULL),
          ('sales-team-briefed', 'PRE_LAUNCH', NULL),
          ('sales-training-delivered', 'PRE_LAUNCH', NULL),
          ('scope-and-date-confirmed', 'PRE_LAUNCH', NULL),
          ('security-review-completed', 'PRE_LAUNCH', NULL),
          ('social-post-published', 'LAUNCH_DAY', NULL),
          ('success-metrics-instrumented', 'PRE_LAUNCH', NULL),
          ('support-heads-up-posted', 'PRE_LAUNCH', NULL),
          ('support-team-briefed', 'PRE_LAUNCH', NULL),
          ('support-team-trained', 'PRE_LAUNCH', NULL),
          ('t-plus-7-metrics-review', 'POST_LAUNCH', NULL),
          ('target-account-list-built', 'PRE_LAUNCH', NULL))
      UPDATE tasks t SET
        phase = coalesce((SELECT k.phase FROM k WHERE k.key = t.template_key), CASE
          WHEN t.due_date IS NULL OR t.due_date < l.launch_date THEN 'PRE_LAUNCH'
          WHEN t.due_date = l.launch_date THEN 'LAUNCH_DAY'
          ELSE 'POST_LAUNCH' END),
        completed_by = (SELECT k.completed_by FROM k WHERE k.key = t.template_key)
      FROM launches l WHERE l.id = t.launch_id`);
    await q.query(`ALTER TABLE launches ADD COLUMN launched_at timestamptz`);
    await q.query(`UPDATE launches SET launched_at = updated_at WHERE status = 'LAUNCHED'`);
    await q.query(`ALTER TABLE launch_activity ADD COLUMN changes jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE launch_activity DROP CONSTRAINT launch_activity_type_check`);
    await q.query(`ALTER TABLE launch_activity ADD CONSTRAINT launch_activity_type_check
      CHECK (type IN (${ACTIVITY_TYPES_BEFORE},'LAUNCH_SIGNED_OFF','LAUNCH_DECISION_RECORDED'))`);
    await q.query(`
      CREATE TABLE launch_sign_offs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigint GENERATED ALWAYS AS IDENTITY,
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        discipline text NOT NULL CHECK (discipline IN
          ('PM','PMM','ENGINEERING','DESIGN','SALES','MARKETING','SUPPORT','LEGAL','EXECUTIVE')),
        verdict text NOT NULL CHECK (verdict IN ('GO','CONCERNS','NO_GO')),
        note text CHECK (length(note) <= 10000),
        signed_by_id uuid REFERENCES people(id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        stale boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      `CREATE INDEX launch_sign_offs_launch_idx ON launch_sign_offs (launch_id, discipline, position DESC)`,
    );
    await q.query(`
      CREATE TABLE launch_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigint GENERATED ALWAYS AS IDENTITY,
        launch_id uuid NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        outcome text NOT NULL CHECK (outcome IN ('GO','CONDITIONAL_GO','NO_GO')),
        rationale text NOT NULL CHECK (length(btrim(rationale)) BETWEEN 1 AND 10000),
        conditions jsonb NOT NULL DEFAULT '[]',
        decided_by_id uuid REFERENCES people(id),
        decided_at timestamptz NOT NULL DEFAULT now(),
        stale_reasons text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(
      `CREATE INDEX launch_decisions_launch_idx ON launch_decisions (launch_id, position DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE launch_decisions`);
    await q.query(`DROP TABLE launch_sign_offs`);
    await q.query(
      `DELETE FROM launch_activity WHERE type IN ('LAUNCH_SIGNED_OFF','LAUNCH_DECISION_RECORDED')`,
    );
    await q.query(`ALTER TABLE launch_activity DROP CONSTRAINT launch_activity_type_check`);
    await q.query(`ALTER TABLE launch_activity ADD CONSTRAINT launch_activity_type_check
      CHECK (type IN (${ACTIVITY_TYPES_BEFORE}))`);
    await q.query(`ALTER TABLE launch_activity DROP COLUMN changes`);
    await q.query(`ALTER TABLE launches DROP COLUMN launched_at`);
    await q.query(`ALTER TABLE tasks DROP COLUMN completed_by, DROP COLUMN phase`);
  }
}
