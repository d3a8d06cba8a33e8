import type { DataSource, EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sqlEntities } from '../../core/db/sql';
import { inTransaction, isUniqueViolation } from '../../core/db/transaction';
import { ActivityType, recordActivity, type FieldChange } from '../activity-log';
import { AppError } from '../../core/errors';
import { toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { lockLaunchOf } from '../launches';
import { resolvePersonId } from '../people';
import { closeDeliverableTasks, reopenDeliverableTasks, TaskCompletion } from '../checklist';
import { markStale, StaleReason } from '../readiness';
import {
  assertBriefRevision,
  insertRevision,
  lockBrief,
  moveStatus,
  type RevisionContent,
} from './brief-store.service';
import { MessagingBrief } from './messaging-brief.entity';
import type { MessagingBriefRevision } from './messaging-brief-revision.entity';
import { composePositioning } from './messaging-content.types';
import type {
  ApproveMessagingBriefInput,
  CreateMessagingBriefInput,
  RequestMessagingBriefChangesInput,
  SubmitMessagingBriefInput,
  UpdateMessagingBriefInput,
} from './messaging.inputs';
import { MessagingBriefStatus } from './messaging.enums';
import { briefCreated, briefMoved, briefRevised } from './messaging-changes.rules';
import { MessagingErrorReason } from './messaging.errors';

type ContentInput = Partial<
  Pick<
    CreateMessagingBriefInput,
    'valuePillars' | 'keyMessages' | 'competitiveAlternatives' | 'callToAction' | 'positioning'
  >
> & {
  audience?: string | null;
  positioningStatement?: string | null;
};

/** The content of a new revision: the input over the previous revision (if any). */
function mergeContent(
  input: ContentInput,
  previous: MessagingBriefRevision | null,
): RevisionContent {
  const positioning = input.positioning ?? previous?.positioning ?? null;
  let statement = clean(input.positioningStatement ?? '') ?? '';
  if (!statement && input.positioning) statement = composePositioning(input.positioning);
  if (!statement) statement = previous?.positioningStatement ?? '';
  if (!statement)
    throw AppError.badInput(
      'positioningStatement',
      'positioningStatement must not be empty or blank (or give `positioning`)',
      MessagingErrorReason.INVALID_VALUE,
    );
  return {
    audience: clean(input.audience ?? previous?.audience ?? ''),
    positioningStatement: statement,
    positioning: positioning ? { ...positioning } : null,
    valuePillars: (input.valuePillars ?? previous?.valuePillars ?? []).map((p) => ({
      title: clean(p.title),
      description: p.description ?? null,
      proofPoints: p.proofPoints ?? [],
    })),
    keyMessages: input.keyMessages ?? previous?.keyMessages ?? [],
    competitiveAlternatives:
      input.competitiveAlternatives ?? previous?.competitiveAlternatives ?? [],
    callToAction:
      input.callToAction !== undefined ? input.callToAction : (previous?.callToAction ?? null),
  };
}

function duplicateAudience(error: unknown): never {
  if (isUniqueViolation(error, 'messaging_briefs_launch_audience_key')) {
    throw AppError.badInput(
      'audience',
      'This launch already has a brief for this audience',
      MessagingErrorReason.BRIEF_AUDIENCE_TAKEN,
    );
  }
  throw error;
}

async function recordBriefActivity(
  manager: EntityManager,
  viewer: Viewer,
  brief: MessagingBrief,
  action: string,
  options: { changes: FieldChange[]; approved?: boolean; checklist?: boolean },
): Promise<void> {
  await recordActivity(manager, {
    checklist: options.checklist ?? false,
    changes: options.changes,
    launchId: brief.launchId,
    type: options.approved
      ? ActivityType.MESSAGING_BRIEF_APPROVED
      : ActivityType.MESSAGING_BRIEF_CHANGED,
    viewer,
    subjectId: toGlobalId('MessagingBrief', brief.id),
    action: `${action} the messaging brief for '${brief.audience}' (revision ${brief.revision})`,
  });
}

/** A new revision of an approved brief: what vouched for it is stale, its tasks reopen. */
async function revisedApproved(
  manager: EntityManager,
  viewer: Viewer,
  brief: MessagingBrief,
): Promise<boolean> {
  const stale = await markStale(manager, brief.launchId, StaleReason.BRIEF_REVISED);
  await reopenDeliverableTasks(
    manager,
    viewer,
    brief.launchId,
    TaskCompletion.MESSAGING_BRIEF_APPROVED,
  );
  return stale;
}

/** A new DRAFT revision of the brief with `content` (the audience is unique per launch). */
async function reviseBrief(
  manager: EntityManager,
  viewer: Viewer,
  briefId: string,
  content: RevisionContent,
): Promise<MessagingBrief> {
  const [edited] = await sqlEntities(
    manager,
    MessagingBrief,
    `UPDATE messaging_briefs SET revision = revision + 1, status = 'DRAFT', audience = $2, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [briefId, content.audience],
  ).catch(duplicateAudience);
  await insertRevision(manager, {
    briefId,
    revision: edited.revision,
    authorId: viewer.personId,
    content,
  });
  return edited;
}

export class MessagingService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a brief at revision 1, DRAFT, owned by the launch's PMM owner unless told otherwise. */
  create(viewer: Viewer, input: CreateMessagingBriefInput): Promise<MessagingBrief> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchOf(manager, input.launchId);
      const launchId = launch.id;
      access.assertCanEditLaunch(viewer, launch);
      const ownerId = input.ownerId
        ? await resolvePersonId(manager, input.ownerId, 'ownerId')
        : launch.pmmOwnerId;
      const content = mergeContent(input, null);
      const [brief] = await sqlEntities(
        manager,
        MessagingBrief,
        `INSERT INTO messaging_briefs (launch_id, audience, owner_id) VALUES ($1, $2, $3) RETURNING *`,
        [launchId, content.audience, ownerId],
      ).catch(duplicateAudience);
      await insertRevision(manager, {
        briefId: brief.id,
        revision: 1,
        authorId: viewer.personId,
        content,
      });
      await recordBriefActivity(manager, viewer, brief, 'created', {
        changes: briefCreated(brief, content),
      });
      return brief;
    });
  }

  /** An edit: a new DRAFT revision; the previous ones (an approved one included) stay in history. */
  update(viewer: Viewer, input: UpdateMessagingBriefInput): Promise<MessagingBrief> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { brief, launch, current } = await lockBrief(manager, input.id);
      access.assertCanWriteBrief(viewer, launch, brief);
      if (input.audience === null)
        throw AppError.badInput(
          'audience',
          'audience cannot be null',
          MessagingErrorReason.INVALID_VALUE,
        );
      const content = mergeContent(input, current);
      assertBriefRevision(brief, input.expectedRevision);
      const edited = await reviseBrief(manager, viewer, brief.id, content);
      const stale =
        brief.status === MessagingBriefStatus.APPROVED &&
        (await revisedApproved(manager, viewer, edited));
      await recordBriefActivity(manager, viewer, edited, 'edited', {
        checklist: stale,
        changes: briefRevised({ brief, content: current }, { brief: edited, content }),
      });
      return edited;
    });
  }

  /** DRAFT -> IN_REVIEW; needs a positioning statement and at least one key message. */
  submit(viewer: Viewer, input: SubmitMessagingBriefInput): Promise<MessagingBrief> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { brief, launch, current } = await lockBrief(manager, input.id);
      access.assertCanWriteBrief(viewer, launch, brief);
      assertBriefRevision(brief, input.expectedRevision);
      const missing = [
        ...(current.positioningStatement.trim() ? [] : ['a positioning statement']),
        ...(current.keyMessages.length > 0 ? [] : ['at least one key message']),
      ];
      if (missing.length > 0 && brief.status === MessagingBriefStatus.DRAFT) {
        throw AppError.precondition(
          MessagingErrorReason.BRIEF_INCOMPLETE,
          `Cannot submit: the brief needs ${missing.join(' and ')}`,
        );
      }
      const moved = await moveStatus(manager, {
        brief,
        from: MessagingBriefStatus.DRAFT,
        to: MessagingBriefStatus.IN_REVIEW,
        expectedRevision: input.expectedRevision,
        revisionSet: 'submitted_at = now()',
      });
      await recordBriefActivity(manager, viewer, moved, 'submitted', {
        changes: briefMoved(brief, moved),
      });
      return moved;
    });
  }

  /** IN_REVIEW -> APPROVED by the launch's PMM owner or an admin; recorded on the revision. */
  approve(viewer: Viewer, input: ApproveMessagingBriefInput): Promise<MessagingBrief> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { brief, launch } = await lockBrief(manager, input.id);
      access.assertCanApproveBrief(viewer, launch);
      const moved = await moveStatus(manager, {
        brief,
        from: MessagingBriefStatus.IN_REVIEW,
        to: MessagingBriefStatus.APPROVED,
        expectedRevision: input.expectedRevision,
        revisionSet: 'approved_by_id = $4, approved_at = now()',
        params: [viewer.personId],
      });
      await recordBriefActivity(manager, viewer, moved, 'approved', {
        approved: true,
        changes: briefMoved(brief, moved),
      });
      await closeDeliverableTasks(
        manager,
        viewer,
        moved.launchId,
        TaskCompletion.MESSAGING_BRIEF_APPROVED,
      );
      return moved;
    });
  }

  /** IN_REVIEW -> DRAFT with a comment kept on the revision. */
  requestChanges(
    viewer: Viewer,
    input: RequestMessagingBriefChangesInput,
  ): Promise<MessagingBrief> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { brief, launch } = await lockBrief(manager, input.id);
      access.assertCanRequestBriefChanges(viewer, launch);
      const moved = await moveStatus(manager, {
        brief,
        from: MessagingBriefStatus.IN_REVIEW,
        to: MessagingBriefStatus.DRAFT,
        expectedRevision: input.expectedRevision,
        revisionSet: 'review_comment = $4',
        params: [input.comment.trim()],
      });
      await recordBriefActivity(manager, viewer, moved, 'requested changes to', {
        changes: briefMoved(brief, moved, input.comment.trim()),
      });
      return moved;
    });
  }
}
