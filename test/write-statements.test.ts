import { contractText } from './support/contract';
import { buildLaunch, buildPerson, buildTask, daysFromToday } from './support/factories';
import { statementsOf as countStatements } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

// The operations exactly as clients send them.
const LAUNCHES = contractText('launches.graphql');
const CHECKLIST = contractText('checklist.graphql');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

const statementsOf = <T>(run: () => Promise<T>) => countStatements(t.app, run);

describe('SQL statements per write (contract operations, the owner’s token)', () => {
  it('UpdateTask: 6 (token, BEGIN, lock the launch, read the task with its dependencies and assignee, update + activity, COMMIT)', async () => {
    const launch = await buildLaunch(t);
    const assignee = await buildPerson(t, { discipline: 'ENGINEERING' });
    const first = await buildTask(t, launch, { title: 'First' });
    const task = await buildTask(t, launch, {
      title: 'Second',
      assigneeId: assignee.id,
      dependsOnIds: [first.id],
    });
    const update = (input: Record<string, unknown>) =>
      statementsOf(() =>
        t.gql(CHECKLIST, { input: { id: task.id, ...input } }, launch.pm.token, 'UpdateTask'),
      );

    const moved = await update({ status: 'IN_PROGRESS' });
    expect(moved.statements).toBe(6);
    expect(moved.value.errors).toBeUndefined();
    expect(moved.value.data!.updateTask.task).toMatchObject({
      status: 'IN_PROGRESS',
      version: task.version + 1,
      assignee: { id: assignee.id, name: assignee.name },
      dependsOn: [{ id: first.id }],
    });

    // A new assignee is read once, in full, inside the transaction: one more.
    const other = await buildPerson(t, { discipline: 'DESIGN' });
    const reassigned = await update({ assigneeId: other.id });
    expect(reassigned.statements).toBe(7);
    expect(reassigned.value.data!.updateTask.task.assignee).toEqual({
      id: other.id,
      name: other.name,
    });

    // Marking DONE checks the dependencies it has already read: no statement more, and refused.
    const refused = await update({ status: 'DONE' });
    expect(refused.statements).toBe(5); // token, BEGIN, lock, read, ROLLBACK
    expect(refused.value.errors![0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      openDependencies: ['First'],
    });
  });

  it('CreateLaunch TIER_1 with its template: 7 (token, BEGIN, owners, launch + 39 tasks + edges, activity, COMMIT, the tasks count)', async () => {
    const pm = await buildPerson(t, { discipline: 'PM', accessLevel: 'MEMBER' });
    const pmm = await buildPerson(t, { discipline: 'PMM' });
    const created = await statementsOf(() =>
      t.gql(
        LAUNCHES,
        {
          input: {
            name: 'Counted launch',
            product: 'Counter',
            tier: 'TIER_1',
            launchDate: daysFromToday(60),
            pmOwnerId: pm.id,
            pmmOwnerId: pmm.id,
          },
        },
        pm.token,
        'CreateLaunch',
      ),
    );
    expect(created.value.errors).toBeUndefined();
    expect(created.statements).toBe(7);
    const launch = created.value.data!.createLaunch.launch;
    expect(launch).toMatchObject({
      name: 'Counted launch',
      pmOwner: { id: pm.id, name: pm.name },
      pmmOwner: { id: pmm.id, name: pmm.name },
      tasks: { totalCount: 39 },
    });
    // Every dependency edge of the template was written in the same statement as the tasks.
    const templates = await t.gql(`{ checklistTemplates { tier items { dependsOnKeys } } }`);
    const tier1 = templates.data!.checklistTemplates.find(
      (x: { tier: string }) => x.tier === 'TIER_1',
    );
    const expected = tier1.items.reduce(
      (n: number, item: { dependsOnKeys: string[] }) => n + item.dependsOnKeys.length,
      0,
    );
    const uuid = Buffer.from(launch.id, 'base64url').toString('utf8').split(':')[1];
    const edges = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_dependencies d JOIN tasks t ON t.id = d.task_id
       WHERE t.launch_id = $1`,
      [uuid],
    );
    expect(edges[0].n).toBe(expected);
  });
});
