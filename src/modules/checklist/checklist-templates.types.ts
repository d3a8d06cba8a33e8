import { Field, Int, ObjectType } from 'type-graphql';
import { Discipline } from '../people';
import { LaunchTier } from '../launches';
import { TaskCompletion, TaskPhase } from './checklist.enums';
import tier1 from './templates/tier-1.json';
import tier2 from './templates/tier-2.json';
import tier3 from './templates/tier-3.json';

@ObjectType({
  description: 'One item of a tier template; becomes a task when a launch is created.',
})
export class ChecklistTemplateItem {
  @Field(() => String, { description: 'Stable key, unique within the template.' })
  key: string;

  @Field(() => String, { description: 'Task title.' })
  title: string;

  @Field(() => Discipline, {
    description: 'Owner discipline. PM items go to the PM owner, PMM items to the PMM owner.',
  })
  ownerRole: Discipline;

  @Field(() => TaskPhase, { description: 'Before launch day, on launch day, or after it.' })
  phase: TaskPhase;

  @Field(() => TaskCompletion, {
    nullable: true,
    description: 'For a deliverable: the event that closes the task by itself.',
  })
  completedBy: TaskCompletion | null;

  @Field(() => Boolean, {
    description: 'Whether the task is required (PRE_LAUNCH ones must be closed before READY).',
  })
  required: boolean;

  @Field(() => Int, { description: 'Due this many days before the launch date (negative: after).' })
  daysBeforeLaunch: number;

  @Field(() => [String], {
    description: 'Keys of the items this one depends on; never due later than this one.',
  })
  dependsOnKeys: string[];
}

@ObjectType({
  description: 'The checklist template of a launch tier (data kept with the checklist module).',
})
export class ChecklistTemplate {
  @Field(() => LaunchTier, { description: 'The tier.' })
  tier: LaunchTier;

  @Field(() => String, { description: 'What this tier of launch is.' })
  description: string;

  @Field(() => [ChecklistTemplateItem], { description: 'The items, in template order.' })
  items: ChecklistTemplateItem[];
}

export const CHECKLIST_TEMPLATES: readonly ChecklistTemplate[] = [tier1, tier2, tier3].map((t) => ({
  tier: t.tier as LaunchTier,
  description: t.description,
  items: t.items.map((i) => ({
    ...i,
    ownerRole: i.ownerRole as Discipline,
    phase: i.phase as TaskPhase,
    completedBy: 'completedBy' in i ? (i.completedBy as TaskCompletion) : null,
  })),
}));

export function templateFor(tier: LaunchTier): ChecklistTemplate {
  const template = CHECKLIST_TEMPLATES.find((t) => t.tier === tier);
  if (!template) throw new Error(`no checklist template for ${tier}`);
  return template;
}
