import { registerEnumType } from 'type-graphql';

export { AccessLevel } from '../../core/auth/access-level';

export enum Discipline {
  PM = 'PM',
  PMM = 'PMM',
  ENGINEERING = 'ENGINEERING',
  DESIGN = 'DESIGN',
  SALES = 'SALES',
  MARKETING = 'MARKETING',
  SUPPORT = 'SUPPORT',
  LEGAL = 'LEGAL',
  EXECUTIVE = 'EXECUTIVE',
}

export const DISCIPLINES = Object.values(Discipline);

registerEnumType(Discipline, {
  name: 'Discipline',
  description: "A person's function in the company; also the owner role of a checklist task.",
  valuesConfig: {
    PM: { description: 'Product management: owns what ships and when.' },
    PMM: {
      description: 'Product marketing: owns positioning, messaging, pricing and sales readiness.',
    },
    ENGINEERING: { description: 'Engineering.' },
    DESIGN: { description: 'Product and brand design.' },
    SALES: { description: 'Sales and sales operations.' },
    MARKETING: { description: 'Marketing: campaigns, content, communications.' },
    SUPPORT: { description: 'Customer support and success.' },
    LEGAL: { description: 'Legal, privacy and compliance.' },
    EXECUTIVE: { description: 'Executive leadership.' },
  },
});
