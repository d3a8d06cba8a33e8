import { ok, type ContractTools } from '../support/contract';

/** Runs every operation of people.graphql with real variables and checks the answers. */
export async function peopleScenario({ run }: ContractTools): Promise<void> {
  const created = ok(
    await run('CreatePerson', {
      input: { name: 'Contract Person', email: 'contract@example.com', discipline: 'PMM' },
    }),
  ).createPerson.person;
  expect(created).toEqual({
    id: expect.any(String),
    name: 'Contract Person',
    email: 'contract@example.com',
    discipline: 'PMM',
    accessLevel: 'MEMBER',
  });

  const minted = ok(
    await run('CreateApiToken', { input: { personId: created.id, label: 'contract' } }),
  ).createApiToken;
  expect(minted.token).toMatch(/^lp_/);
  expect(minted.apiToken).toEqual({
    id: expect.any(String),
    label: 'contract',
    createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    person: { id: created.id },
  });

  expect(ok(await run('Me', {}, minted.token)).me).toEqual(created);

  const page = ok(
    await run('People', { first: 1, filter: { discipline: ['PMM'], search: 'contract' } }),
  ).people;
  expect(page.totalCount).toBe(1);
  expect(page.pageInfo.hasNextPage).toBe(false);
  expect(page.edges).toEqual([{ cursor: page.pageInfo.endCursor, node: created }]);

  expect(ok(await run('NodeById', { id: created.id })).node).toEqual({
    id: created.id,
    __typename: 'Person',
  });
  expect(ok(await run('NodeById', { id: minted.apiToken.id })).node).toEqual({
    id: minted.apiToken.id,
    __typename: 'ApiToken',
  });

  const revoked = ok(await run('RevokeApiToken', { input: { id: minted.apiToken.id } }))
    .revokeApiToken.apiToken;
  expect(revoked).toEqual({ id: minted.apiToken.id, revokedAt: expect.stringMatching(/^\d{4}-/) });
  const after = await run('Me', {}, minted.token);
  expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
}
