import { changedFields, comparedFields, createdFields, type FieldChange } from '../activity-log';
import type { RevisionContent } from './brief-store.service';
import type { MessagingBrief } from './messaging-brief.entity';

// Activity `changes` of messaging writes, as a person reads them.

type Content = Pick<
  RevisionContent,
  | 'audience'
  | 'positioningStatement'
  | 'valuePillars'
  | 'keyMessages'
  | 'competitiveAlternatives'
  | 'callToAction'
>;

function list(values: readonly string[]): string | null {
  return values.length ? values.join('; ') : null;
}

function contentValues(content: Content): Array<[string, string | null]> {
  return [
    ['audience', content.audience],
    ['positioningStatement', content.positioningStatement || null],
    ['valuePillars', list(content.valuePillars.map((pillar) => pillar.title))],
    ['keyMessages', list(content.keyMessages)],
    ['competitiveAlternatives', list(content.competitiveAlternatives)],
    ['callToAction', content.callToAction],
  ];
}

function briefValues(brief: MessagingBrief): Array<[string, string | null]> {
  return [
    ['status', brief.status],
    ['revision', String(brief.revision)],
  ];
}

export function briefCreated(brief: MessagingBrief, content: Content): FieldChange[] {
  return createdFields([...briefValues(brief), ...contentValues(content)]);
}

/** A new revision: its number and status, and each content field that differs from the last. */
export function briefRevised(
  before: { brief: MessagingBrief; content: Content },
  after: { brief: MessagingBrief; content: Content },
): FieldChange[] {
  return comparedFields(
    (state) => [...briefValues(state.brief), ...contentValues(state.content)],
    before,
    after,
  );
}

/** A review step: the status moves; a request for changes keeps its comment. */
export function briefMoved(
  before: MessagingBrief,
  after: MessagingBrief,
  comment?: string,
): FieldChange[] {
  return [
    ...changedFields([['status', before.status, after.status]]),
    ...(comment === undefined ? [] : createdFields([['reviewComment', comment]])),
  ];
}
