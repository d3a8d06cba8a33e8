import { registerEnumType } from 'type-graphql';

export enum MessagingBriefStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
}

registerEnumType(MessagingBriefStatus, {
  name: 'MessagingBriefStatus',
  description:
    'DRAFT -> IN_REVIEW (submit) -> APPROVED (approve), or back to DRAFT (request changes). Editing makes a new DRAFT revision.',
  valuesConfig: {
    DRAFT: { description: 'Being written; editable.' },
    IN_REVIEW: { description: 'Submitted; waiting for approval or a request for changes.' },
    APPROVED: { description: 'Approved: sales, marketing and support work from it.' },
  },
});
