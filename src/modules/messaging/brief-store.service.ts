import type { EntityManager } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { AppError, assertVersion } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import { lockOwnerAndRead, type Launch } from '../launches';
import { MessagingBrief } from './messaging-brief.entity';
import { MessagingBriefRevision } from './messaging-brief-revision.entity';
import type { MessagingBriefStatus } from './messaging.enums';
import { MessagingErrorReason } from './messaging.errors';

export interface RevisionContent {
  audience: string;
  positioningStatement: string;
  positioning: object | null;
  valuePillars: Array<{ title: string; description: string | null; proofPoints: string[] }>;
  keyMessages: string[];
  competitiveAlternatives: string[];
  callToAction: string | null;
}

/** Locks the brief's launch (ordering every change to it), then reads the brief and its current revision under that lock. */
export async function lockBrief(
  manager: EntityManager,
  briefGlobalId: string,
): Promise<{ brief: MessagingBrief; launch: Launch; current: MessagingBriefRevision }> {
  const id = fromGlobalId(briefGlobalId, 'MessagingBrief', 'id');
  const locked = await lockOwnerAndRead(
    manager,
    { table: 'messaging_briefs', id },
    async () =>
      (
        await sqlEntities(manager, MessagingBrief, 'SELECT * FROM messaging_briefs WHERE id = $1', [
          id,
        ])
      )[0],
  );
  if (!locked) throw AppError.notFound('Messaging brief', MessagingErrorReason.BRIEF_NOT_FOUND);
  const { row: brief, launch } = locked;
  const [current] = await sqlEntities(
    manager,
    MessagingBriefRevision,
    'SELECT * FROM messaging_brief_revisions WHERE brief_id = $1 AND revision = $2',
    [id, brief.revision],
  );
  return { brief, launch, current };
}

/** Writes one immutable revision row (its status and review fields move with the workflow). */
export async function insertRevision(
  manager: EntityManager,
  row: { briefId: string; revision: number; authorId: string | null; content: RevisionContent },
): Promise<void> {
  const c = row.content;
  await manager.query(
    `INSERT INTO messaging_brief_revisions (brief_id, revision, status, audience, positioning_statement, positioning,
       value_pillars, key_messages, competitive_alternatives, call_to_action, author_id)
     VALUES ($1, $2, 'DRAFT', $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10)`,
    [
      row.briefId,
      row.revision,
      c.audience,
      c.positioningStatement,
      c.positioning === null ? null : JSON.stringify(c.positioning),
      JSON.stringify(c.valuePillars),
      JSON.stringify(c.keyMessages),
      JSON.stringify(c.competitiveAlternatives),
      c.callToAction,
      row.authorId,
    ],
  );
}

/** Moves the brief and its current revision from one status to another (under the launch lock). */
export async function moveStatus(
  manager: EntityManager,
  args: {
    brief: MessagingBrief;
    from: MessagingBriefStatus;
    to: MessagingBriefStatus;
    expectedRevision?: number | null;
    revisionSet?: string;
    params?: unknown[];
  },
): Promise<MessagingBrief> {
  const { brief } = args;
  assertBriefRevision(brief, args.expectedRevision);
  if (brief.status !== args.from) {
    throw AppError.precondition(
      MessagingErrorReason.BRIEF_STATUS_NOT_ALLOWED,
      `The brief is ${brief.status}; this needs it to be ${args.from}`,
      {
        status: brief.status,
      },
    );
  }
  const [moved] = await sqlEntities(
    manager,
    MessagingBrief,
    `UPDATE messaging_briefs SET status = $2, updated_at = now() WHERE id = $1 RETURNING *`,
    [brief.id, args.to],
  );
  const extra = args.revisionSet ? `, ${args.revisionSet}` : '';
  await manager.query(
    `UPDATE messaging_brief_revisions SET status = $3${extra} WHERE brief_id = $1 AND revision = $2`,
    [brief.id, brief.revision, args.to, ...(args.params ?? [])],
  );
  return moved;
}

/** The one version rule for briefs: at the revision the client sent, when it sent one. */
export function assertBriefRevision(
  brief: MessagingBrief,
  expected: number | null | undefined,
): void {
  assertVersion({
    reason: MessagingErrorReason.VERSION_MISMATCH,
    what: 'Messaging brief',
    expected,
    actual: brief.revision,
    counter: 'revision',
  });
}
