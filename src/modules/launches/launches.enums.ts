import { registerEnumType } from 'type-graphql';

export enum LaunchTier {
  TIER_1 = 'TIER_1',
  TIER_2 = 'TIER_2',
  TIER_3 = 'TIER_3',
}

export enum LaunchStatus {
  PLANNING = 'PLANNING',
  READY = 'READY',
  LAUNCHED = 'LAUNCHED',
  CANCELLED = 'CANCELLED',
}

export enum LaunchOrderField {
  LAUNCH_DATE = 'LAUNCH_DATE',
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(LaunchTier, {
  name: 'LaunchTier',
  description: 'How big a launch is; decides its checklist template.',
  valuesConfig: {
    TIER_1: { description: 'A full launch: 25-35 checklist items over 8-12 weeks.' },
    TIER_2: { description: 'A mid-size launch: 12-18 items over 4-6 weeks.' },
    TIER_3: { description: 'A small launch: 5-8 items over 1-2 weeks.' },
  },
});

registerEnumType(LaunchStatus, {
  name: 'LaunchStatus',
  description:
    'PLANNING -> READY -> LAUNCHED; CANCELLED from PLANNING or READY; READY may go back to PLANNING; CANCELLED may reopen to PLANNING; LAUNCHED is final.',
  valuesConfig: {
    PLANNING: { description: 'Being planned; the checklist is in progress.' },
    READY: { description: 'Every required task is closed; ready to launch.' },
    LAUNCHED: { description: 'In the market. Final.' },
    CANCELLED: { description: 'Called off; may reopen to PLANNING.' },
  },
});

registerEnumType(LaunchOrderField, {
  name: 'LaunchOrderField',
  description: 'What the launch board is sorted by (ties broken by id).',
  valuesConfig: {
    LAUNCH_DATE: { description: 'The launch date.' },
    CREATED_AT: { description: 'When the launch was created.' },
    NAME: { description: 'The launch name.' },
  },
});

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: {
    ASC: { description: 'Ascending: earliest, oldest or A first.' },
    DESC: { description: 'Descending: latest, newest or Z first.' },
  },
});
