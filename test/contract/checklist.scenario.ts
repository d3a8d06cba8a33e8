import { ok, type ContractTools } from '../support/contract';
import { buildLaunch, buildPerson, daysFromToday } from '../support/factories';

/** Runs every operation of checklist.graphql (the subscription over graphql-ws) and checks the answers. */
export async function checklistScenario({ t, run, subscribe }: ContractTools): Promise<void> {
  const templates = ok(await run('ChecklistTemplates')).checklistTemplates;
  expect(templates.map((tpl: { tier: string }) => tpl.tier)).toEqual([
    'TIER_1',
    'TIER_2',
    'TIER_3',
  ]);
  expect(templates[2].items[0]).toEqual({
    key: expect.any(String),
    title: expect.any(String),
    ownerRole: expect.any(String),
    required: expect.any(Boolean),
    daysBeforeLaunch: expect.any(Number),
    dependsOnKeys: expect.any(Array),
    phase: 'PRE_LAUNCH',
    completedBy: null,
  });

  const launch = await buildLaunch(t, { tier: 'TIER_3' });
  const engineer = await buildPerson(t, { name: 'Contract Engineer', discipline: 'ENGINEERING' });
  const live = subscribe('ChecklistStatusChanged', { launchId: launch.id }, engineer.token);
  const initial = (await live.sub.next()).checklistStatusChanged;
  expect(initial).toMatchObject({ launchId: launch.id, totalCount: 0, health: 'COMPLETE' });

  const first = ok(
    await run(
      'CreateTask',
      {
        input: {
          launchId: launch.id,
          title: 'QA sign-off',
          ownerRole: 'ENGINEERING',
          assigneeId: engineer.id,
          dueDate: daysFromToday(10),
          required: true,
        },
      },
      launch.pm.token,
    ),
  ).createTask.task;
  expect(first).toMatchObject({
    title: 'QA sign-off',
    status: 'TODO',
    required: true,
    version: 1,
    assignee: { id: engineer.id, name: 'Contract Engineer' },
    dependsOn: [],
  });
  const afterCreate = (await live.sub.next()).checklistStatusChanged;
  expect(afterCreate).toMatchObject({
    totalCount: 1,
    requiredOpenCount: 1,
    revision: initial.revision + 1,
    health: 'ON_TRACK',
  });
  expect(afterCreate.byOwnerRole).toEqual([{ role: 'ENGINEERING', totalCount: 1, closedCount: 0 }]);

  const second = ok(
    await run(
      'CreateTask',
      { input: { launchId: launch.id, title: 'Release notes', ownerRole: 'PMM' } },
      launch.pm.token,
    ),
  ).createTask.task;
  const linked = ok(
    await run(
      'AddTaskDependency',
      { input: { taskId: second.id, dependsOnId: first.id } },
      launch.pmm.token,
    ),
  ).addTaskDependency.task;
  expect(linked).toEqual({ id: second.id, dependsOn: [{ id: first.id }] });

  const page = ok(
    await run('LaunchChecklist', {
      launchId: launch.id,
      first: 1,
      filter: { ownerRole: ['ENGINEERING', 'PMM'] },
    }),
  ).launch;
  expect(page.tasks.totalCount).toBe(2);
  expect(page.tasks.pageInfo.hasNextPage).toBe(true);
  expect(page.tasks.edges[0].node.id).toBe(first.id);
  const rest = ok(
    await run('LaunchChecklist', {
      launchId: launch.id,
      first: 1,
      after: page.tasks.pageInfo.endCursor,
    }),
  ).launch;
  expect(rest.tasks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([second.id]);
  expect(rest.checklistStatus).toMatchObject({
    launchId: launch.id,
    totalCount: 2,
    closedCount: 0,
  });

  const done = ok(
    await run(
      'UpdateTask',
      { input: { id: first.id, expectedVersion: 1, status: 'DONE' } },
      engineer.token,
    ),
  ).updateTask.task;
  expect(done).toMatchObject({
    id: first.id,
    status: 'DONE',
    version: 2,
    completedAt: expect.any(String),
  });

  const mine = ok(await run('MyTasks', { first: 10, filter: { status: ['DONE'] } }, engineer.token))
    .me.assignedTasks;
  expect(mine.totalCount).toBe(1);
  expect(mine.edges[0].node).toMatchObject({
    id: first.id,
    launch: { id: launch.id, name: launch.name },
  });

  const unlinked = ok(
    await run(
      'RemoveTaskDependency',
      { input: { taskId: second.id, dependsOnId: first.id } },
      launch.pm.token,
    ),
  ).removeTaskDependency.task;
  expect(unlinked).toEqual({ id: second.id, dependsOn: [] });
  const deleted = ok(
    await run('DeleteTask', { input: { id: second.id } }, launch.pm.token),
  ).deleteTask;
  expect(deleted).toEqual({ deletedTaskId: second.id });

  // Latest-wins: the subscriber ends on the committed state with a higher revision.
  let latest = afterCreate;
  while (latest.totalCount !== 1 || latest.closedCount !== 1)
    latest = (await live.sub.next()).checklistStatusChanged;
  expect(latest).toMatchObject({
    totalCount: 1,
    closedCount: 1,
    percentComplete: 100,
    health: 'COMPLETE',
  });
  expect(latest.revision).toBeGreaterThan(afterCreate.revision);
  await live.close();
}
