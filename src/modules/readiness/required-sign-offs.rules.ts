import type { Discipline } from '../people';
import data from './required-sign-offs.json';

type Tier = keyof typeof data.requiredSignOffs;

/** The disciplines whose sign-off a tier needs (data beside the checklist templates). */
export function requiredSignOffs(tier: string): Discipline[] {
  const list = data.requiredSignOffs[tier as Tier];
  if (!list) throw new Error(`no required sign-offs for ${tier}`);
  return list as Discipline[];
}

/** Every tier's required disciplines as two parallel arrays, for SQL `unnest`. */
export function requiredSignOffRows(): { tiers: string[]; disciplines: string[] } {
  const pairs = Object.entries(data.requiredSignOffs).flatMap(([tier, list]) =>
    list.map((discipline) => [tier, discipline]),
  );
  return { tiers: pairs.map((p) => p[0]), disciplines: pairs.map((p) => p[1]) };
}
