import { ok, type ContractTools } from '../support/contract';
import { buildLaunch, buildTask } from '../support/factories';

/** Pages the log with LaunchActivityLog, then resumes LaunchActivityStream from its endCursor. */
export async function activityScenario({ t, run, subscribe }: ContractTools): Promise<void> {
  const launch = await buildLaunch(t, { name: 'Activity Contract' });
  const task = await buildTask(t, launch, { title: 'Pricing page live' });
  const done = await t.gql(
    `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }`,
    {
      input: { id: task.id, status: 'DONE' },
    },
    launch.pm.token,
  );
  expect(done.errors).toBeUndefined();

  const first = ok(await run('LaunchActivityLog', { launchId: launch.id, first: 2 })).launch
    .activity;
  expect(first.pageInfo.hasNextPage).toBe(true);
  expect(first.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual([
    'LAUNCH_CREATED',
    'TASK_CREATED',
  ]);
  const second = ok(
    await run('LaunchActivityLog', {
      launchId: launch.id,
      first: 2,
      after: first.pageInfo.endCursor,
    }),
  ).launch.activity;
  expect(second.pageInfo.hasNextPage).toBe(false);
  expect(second.edges).toHaveLength(1);
  const last = second.edges[0];
  expect(last.cursor).toBe(second.pageInfo.endCursor);
  expect(last.node).toEqual({
    cursor: last.cursor,
    type: 'TASK_UPDATED',
    occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    actor: { id: launch.pm.id, name: launch.pm.name },
    subjectId: task.id,
    summary: `${launch.pm.name} moved 'Pricing page live' to DONE`,
    changes: [{ field: 'status', from: 'TODO', to: 'DONE' }],
  });

  const stream = subscribe('LaunchActivityStream', {
    launchId: launch.id,
    after: first.pageInfo.endCursor,
  });
  const replayed = (await stream.sub.next()).launchActivity;
  expect(replayed).toEqual(last.node);
  const deleted = await t.gql(
    `mutation($input: DeleteTaskInput!) { deleteTask(input: $input) { deletedTaskId } }`,
    { input: { id: task.id } },
  );
  expect(deleted.errors).toBeUndefined();
  const live = (await stream.sub.next()).launchActivity;
  expect(live).toMatchObject({
    type: 'TASK_DELETED',
    subjectId: task.id,
    actor: null,
    summary: "An admin deleted task 'Pricing page live'",
  });
  await stream.close();
}
