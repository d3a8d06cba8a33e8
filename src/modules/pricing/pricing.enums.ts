import { registerEnumType } from 'type-graphql';

export enum BillingModel {
  FLAT = 'FLAT',
  PER_SEAT = 'PER_SEAT',
}

export enum PricingScenarioStatus {
  DRAFT = 'DRAFT',
  APPLIED = 'APPLIED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(BillingModel, {
  name: 'BillingModel',
  description: 'How a pricing tier charges.',
  valuesConfig: {
    FLAT: { description: 'One price per account, whatever its size.' },
    PER_SEAT: { description: 'A price per seat (user) of the account.' },
  },
});

registerEnumType(PricingScenarioStatus, {
  name: 'PricingScenarioStatus',
  description: 'Where a pricing scenario stands. At most one scenario of a launch is APPLIED.',
  valuesConfig: {
    DRAFT: { description: 'A what-if, never applied.' },
    APPLIED: {
      description: 'Its prices were written into the live tiers; the latest one applied.',
    },
    ARCHIVED: { description: 'Was applied once, then replaced by another applied scenario.' },
  },
});
