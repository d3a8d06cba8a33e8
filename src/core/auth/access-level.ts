import { registerEnumType } from 'type-graphql';

export enum AccessLevel {
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
  VIEWER = 'VIEWER',
}

registerEnumType(AccessLevel, {
  name: 'AccessLevel',
  description: 'What a person may do through the API.',
  valuesConfig: {
    ADMIN: { description: 'Everything, including people and tokens for others.' },
    MEMBER: {
      description: 'Read, subscribe, create launches, change what they own or are assigned.',
    },
    VIEWER: { description: 'Read and subscribe only.' },
  },
});
