import { registerEnumType } from 'type-graphql';

export enum BillingModel {
  FLAT = 'FLAT',
  PER_SEAT = 'PER_SEAT',
  GRADUATED = 'GRADUATED',
  VOLUME = 'VOLUME',
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
    GRADUATED: {
      description:
        'Per seat by bands (Stripe tiers_mode graduated): each band prices the seats that fall in it, plus the flat amount of every band reached.',
    },
    VOLUME: {
      description:
        "Per seat by bands (Stripe tiers_mode volume): all seats at the price of the band the count falls in, plus that band's flat amount.",
    },
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
