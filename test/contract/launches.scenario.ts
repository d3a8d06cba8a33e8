import { ok, type ContractTools } from '../support/contract';
import { buildPerson, daysFromToday } from '../support/factories';

/** Runs every operation of launches.graphql with real variables and checks the answers. */
export async function launchesScenario({ t, run }: ContractTools): Promise<void> {
  const pm = await buildPerson(t, { name: 'Contract PM', discipline: 'PM' });
  const pmm = await buildPerson(t, { name: 'Contract PMM', discipline: 'PMM' });
  const launchDate = daysFromToday(21);
  const created = ok(
    await run(
      'CreateLaunch',
      {
        input: {
          name: 'Contract Launch',
          product: 'Insights',
          tier: 'TIER_3',
          launchDate,
          pmOwnerId: pm.id,
          pmmOwnerId: pmm.id,
        },
      },
      pm.token,
    ),
  ).createLaunch.launch;
  expect(created).toEqual({
    id: expect.any(String),
    name: 'Contract Launch',
    product: 'Insights',
    tier: 'TIER_3',
    status: 'PLANNING',
    launchDate,
    version: 1,
    pmOwner: { id: pm.id, name: 'Contract PM' },
    pmmOwner: { id: pmm.id, name: 'Contract PMM' },
    tasks: { totalCount: expect.any(Number) },
  });
  expect(created.tasks.totalCount).toBeGreaterThanOrEqual(5);

  const board = ok(
    await run('LaunchBoard', {
      first: 10,
      filter: { ownerId: pm.id },
      orderBy: { field: 'NAME', direction: 'ASC' },
    }),
  ).launches;
  expect(board.totalCount).toBe(1);
  expect(board.pageInfo.hasNextPage).toBe(false);
  expect(board.edges[0].node).toMatchObject({ id: created.id, name: 'Contract Launch' });
  expect(board.edges[0].node.checklistStatus).toMatchObject({
    totalCount: created.tasks.totalCount,
    closedCount: 0,
    percentComplete: 0,
    blockedCount: 0,
  });

  const updated = ok(
    await run(
      'UpdateLaunch',
      {
        input: {
          id: created.id,
          expectedVersion: 1,
          summary: 'Self-serve insights for every team',
        },
      },
      pmm.token,
    ),
  ).updateLaunch.launch;
  expect(updated).toMatchObject({
    id: created.id,
    version: 2,
    summary: 'Self-serve insights for every team',
  });

  const detail = ok(await run('LaunchDetail', { id: created.id })).launch;
  expect(detail).toMatchObject({
    id: created.id,
    version: 2,
    summary: 'Self-serve insights for every team',
  });
  expect(Date.parse(detail.updatedAt)).toBeGreaterThanOrEqual(Date.parse(detail.createdAt));

  const cancelled = ok(
    await run(
      'TransitionLaunch',
      { input: { id: created.id, to: 'CANCELLED', expectedVersion: 2 } },
      pm.token,
    ),
  ).transitionLaunch.launch;
  expect(cancelled).toEqual({ id: created.id, status: 'CANCELLED', version: 3 });
}
