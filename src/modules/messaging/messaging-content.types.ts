import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A value pillar: one reason to buy, with its proof.' })
export class ValuePillar {
  @Field(() => String, { description: 'The pillar in a few words.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'What it means for the customer.' })
  description: string | null;

  @Field(() => [String], { description: 'Evidence: metrics, customer quotes, analyst notes.' })
  proofPoints: string[];
}

@ObjectType({ description: "Geoffrey Moore's positioning template, part by part." })
export class Positioning {
  @Field(() => String, { description: 'For ... (the target customer).' })
  targetCustomer: string;

  @Field(() => String, { description: 'Who ... (their need).' })
  need: string;

  @Field(() => String, { description: 'The product name.' })
  productName: string;

  @Field(() => String, { description: 'Is a ... (the market category).' })
  category: string;

  @Field(() => String, { description: 'That ... (the key benefit).' })
  keyBenefit: string;

  @Field(() => String, { description: 'Unlike ... (the primary alternative).' })
  primaryAlternative: string;

  @Field(() => String, { description: 'The differentiator.' })
  differentiator: string;
}

/** "For X who Y, P is a C that B. Unlike A, D." (trailing periods of parts dropped). */
export function composePositioning(p: Positioning): string {
  const part = (s: string) => s.trim().replace(/[.\s]+$/, '');
  return `For ${part(p.targetCustomer)} who ${part(p.need)}, ${part(p.productName)} is a ${part(p.category)} that ${part(p.keyBenefit)}. Unlike ${part(p.primaryAlternative)}, ${part(p.differentiator)}.`;
}
