import type { EntityManager } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { AppError } from '../../core/errors';
import { fromGlobalId } from '../../core/graphql/global-id';
import { Discipline, Person } from '../people';
import { LaunchesErrorReason } from './launches.errors';
import type { UpdateLaunchInput } from './launches.inputs';

/** An owner id of an input, the field it came in and the discipline it must have. */
export interface OwnerRef {
  field: string;
  id: string;
  discipline: Discipline;
}

/** Checks that owner ids name people of the right discipline; BAD_USER_INPUT on the field otherwise. */
export async function resolveOwners(manager: EntityManager, owners: OwnerRef[]): Promise<string[]> {
  return (await resolveOwnerPeople(manager, owners)).map((person) => person.id);
}

/** resolveOwners, answering the people in full (a payload can use them). */
export async function resolveOwnerPeople(
  manager: EntityManager,
  owners: OwnerRef[],
): Promise<Person[]> {
  const uuids = owners.map((o) => fromGlobalId(o.id, 'Person', o.field));
  if (uuids.length === 0) return [];
  const rows = await sqlEntities(
    manager,
    Person,
    'SELECT * FROM people WHERE id = ANY($1::uuid[])',
    [uuids],
  );
  owners.forEach((owner, i) => {
    const person = rows.find((r) => r.id === uuids[i]);
    if (!person)
      throw AppError.badInput(
        owner.field,
        `No person has the id given as ${owner.field}`,
        LaunchesErrorReason.UNKNOWN_ID,
      );
    if (person.discipline !== owner.discipline) {
      throw AppError.badInput(
        owner.field,
        `${owner.field} must be a ${owner.discipline}; this person is ${person.discipline}`,
        LaunchesErrorReason.OWNER_DISCIPLINE_MISMATCH,
      );
    }
  });
  return uuids.map((uuid) => rows.find((r) => r.id === uuid) as Person);
}

/** The owners an update names (PM, then PMM), each with its field. */
export function updatedOwners(input: UpdateLaunchInput): OwnerRef[] {
  return [
    ...(input.pmOwnerId
      ? [{ field: 'pmOwnerId', id: input.pmOwnerId, discipline: Discipline.PM }]
      : []),
    ...(input.pmmOwnerId
      ? [{ field: 'pmmOwnerId', id: input.pmmOwnerId, discipline: Discipline.PMM }]
      : []),
  ];
}
