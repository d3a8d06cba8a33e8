import { contractText } from './support/contract';
import { buildLaunch, buildPerson, buildTask, daysFromToday } from './support/factories';
import { statementsOf as countStatements } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

// The operations exactly as clients send them.
const CHECKLIST = contractText('checklist.graphql');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

const statementsOf = <T>(run: () => Promise<T>) => countStatements(t.app, run);

interface TaskNode {
  id: string;
  title: string;
  assignee: { id: string; name: string } | null;
  dependsOn: Array<{ id: string }>;
}

/** A launch whose tasks have assignees and dependencies in an order unlike their own. */
async function launchWithLinks() {
  const launch = await buildLaunch(t);
  const ana = await buildPerson(t, { discipline: 'ENGINEERING' });
  const ben = await buildPerson(t, { discipline: 'DESIGN' });
  const late = await buildTask(t, launch, { title: 'Late', dueDate: daysFromToday(20) });
  const undated = await buildTask(t, launch, { title: 'Undated', assigneeId: ana.id });
  const early = await buildTask(t, launch, {
    title: 'Early',
    dueDate: daysFromToday(5),
    assigneeId: ben.id,
  });
  const last = await buildTask(t, launch, {
    title: 'Last',
    dueDate: daysFromToday(25),
    assigneeId: ana.id,
    dependsOnIds: [undated.id, late.id, early.id],
  });
  return { launch, ana, ben, late, undated, early, last };
}

describe('SQL statements per read (contract operations)', () => {
  it('LaunchChecklist: 4 (token, launch, status, the page with its assignees and dependencies)', async () => {
    const { launch, ana, ben, late, undated, early, last } = await launchWithLinks();
    const charges = t.app.budget.statements.charges;
    const read = await statementsOf(() =>
      t.gql(CHECKLIST, { launchId: launch.id, first: 100 }, launch.pm.token, 'LaunchChecklist'),
    );
    expect(read.value.errors).toBeUndefined();
    expect(read.statements).toBe(4);
    // Besides those, on the budget's own pool: the request's one charge (its refund is written
    // later, gathered with others).
    expect(t.app.budget.statements.charges - charges).toBe(1);
    const nodes: TaskNode[] = read.value.data!.launch.tasks.edges.map(
      (e: { node: TaskNode }) => e.node,
    );
    expect(nodes.map((n) => n.title)).toEqual(['Early', 'Late', 'Last', 'Undated']);
    const byTitle = new Map(nodes.map((n) => [n.title, n]));
    expect(byTitle.get('Early')!.assignee).toEqual({ id: ben.id, name: ben.name });
    expect(byTitle.get('Undated')!.assignee).toEqual({ id: ana.id, name: ana.name });
    expect(byTitle.get('Last')!.assignee).toEqual({ id: ana.id, name: ana.name });
    expect(byTitle.get('Late')!.assignee).toBeNull();
    // Dependencies in due-date order, undated last, as the dependsOn loader reads them.
    expect(byTitle.get('Last')!.dependsOn).toEqual([
      { id: early.id },
      { id: late.id },
      { id: undated.id },
    ]);
    expect(byTitle.get('Early')!.dependsOn).toEqual([]);
    expect(last.id).toBe(byTitle.get('Last')!.id);
  });

  it('LaunchChecklist: a page without some dependencies reads them in one more statement', async () => {
    const { launch, late, undated, early } = await launchWithLinks();
    // The first 3 by due date: Early, Late, Last; Last's dependency Undated is on the next page.
    const read = await statementsOf(() =>
      t.gql(CHECKLIST, { launchId: launch.id, first: 3 }, launch.pm.token, 'LaunchChecklist'),
    );
    expect(read.value.errors).toBeUndefined();
    expect(read.statements).toBe(5);
    const lastNode = read.value.data!.launch.tasks.edges[2].node as TaskNode;
    expect(lastNode.title).toBe('Last');
    expect(lastNode.dependsOn).toEqual([{ id: early.id }, { id: late.id }, { id: undated.id }]);
  });

  it('MyTasks: 5 (token, the viewer, the page with its assignee, its launches, the dependencies not on the page)', async () => {
    const { ana, undated } = await launchWithLinks();
    const read = await statementsOf(() => t.gql(CHECKLIST, { first: 10 }, ana.token, 'MyTasks'));
    expect(read.value.errors).toBeUndefined();
    const nodes: TaskNode[] = read.value.data!.me.assignedTasks.edges.map(
      (e: { node: TaskNode }) => e.node,
    );
    expect(nodes.map((n) => n.title)).toEqual(['Last', 'Undated']);
    expect(nodes.every((n) => n.assignee?.id === ana.id)).toBe(true);
    // Last's dependencies are not all on Ana's page: the loader reads them.
    expect(nodes[0].dependsOn).toHaveLength(3);
    expect(nodes[1].dependsOn).toEqual([]);
    expect(nodes[1].id).toBe(undated.id);
    expect(read.statements).toBe(5);
  });
});
