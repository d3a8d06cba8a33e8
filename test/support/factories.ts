import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface TestPerson {
  id: string;
  name: string;
  email: string;
  discipline: string;
  accessLevel: string;
  token: string;
}

let counter = 0;

/** Creates a person (as the bootstrap admin) and a token for them. */
export async function buildPerson(
  t: TestApp,
  overrides: Partial<Pick<TestPerson, 'name' | 'email' | 'discipline' | 'accessLevel'>> = {},
): Promise<TestPerson> {
  counter += 1;
  const suffix = `${counter}-${randomBytes(3).toString('hex')}`;
  const input = {
    name: overrides.name ?? `Person ${suffix}`,
    email: overrides.email ?? `person-${suffix}@example.com`,
    discipline: overrides.discipline ?? 'ENGINEERING',
    accessLevel: overrides.accessLevel ?? 'MEMBER',
  };
  const created = await t.gql(
    `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id name email discipline accessLevel } } }`,
    { input },
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const person = created.data!.createPerson.person;
  const minted = await t.gql(
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
    { input: { personId: person.id, label: 'test' } },
  );
  if (minted.errors) throw new Error(JSON.stringify(minted.errors));
  return { ...person, token: minted.data!.createApiToken.token };
}
