import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AccessLevel } from '../../core/auth/access-level';
import { ConnectionArgs, type Connection } from '../../core/graphql/connection';
import type { Context } from '../../core/graphql/context';
import { toGlobalId } from '../../core/graphql/global-id';
import { selectsField } from '../../core/graphql/selection';
import { Launch } from '../launches';
import { Person } from '../people';
import { ChecklistService } from './checklist.service';
import {
  AddTaskDependencyInput,
  CreateTaskInput,
  DeleteTaskInput,
  RemoveTaskDependencyInput,
  TaskFilter,
  UpdateTaskInput,
} from './checklist.inputs';
import { ChecklistStatus, ReadinessReason } from './checklist-status.types';
import { checklistStatusTopic } from './checklist.subscriptions';
import { CHECKLIST_TEMPLATES, ChecklistTemplate } from './checklist-templates.types';
import { TaskConnection } from './task-connection.types';
import { dependenciesWithinPage, listTasks, type TaskPage } from './task-list.service';
import { Task } from './task.entity';

@ObjectType({ description: 'The result of a task mutation.' })
export class TaskPayload {
  @Field(() => Task, { description: 'The task as committed.' })
  task: Task;
}

@ObjectType({ description: 'The result of deleteTask.' })
export class DeleteTaskPayload {
  @Field(() => ID, { description: 'The id of the deleted task.' })
  deletedTaskId: string;
}

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() task: Task): string {
    return toGlobalId('Task', task.id);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who does it; PM and PMM template items go to the launch owners.',
  })
  assignee(@Root() task: Task, @Ctx() ctx: Context): Promise<Person | null> | null {
    return task.assigneeId ? ctx.loaders.personById.load(task.assigneeId) : null;
  }

  @FieldResolver(() => [Task], {
    description: 'Tasks of the same launch that must be closed before this one can be DONE.',
  })
  dependsOn(@Root() task: Task, @Ctx() ctx: Context): Promise<Task[]> {
    return ctx.loaders.dependsOnByTaskId.load(task.id);
  }

  @FieldResolver(() => [Task], {
    description: 'The tasks that depend on this one (reverse edges), by due date (undated last).',
  })
  blocks(@Root() task: Task, @Ctx() ctx: Context): Promise<Task[]> {
    return ctx.loaders.blocksByTaskId.load(task.id);
  }

  @FieldResolver(() => Launch, { description: 'The launch the task belongs to.' })
  async launch(@Root() task: Task, @Ctx() ctx: Context): Promise<Launch> {
    const launch = await ctx.loaders.launchById.load(task.launchId);
    if (!launch) throw new Error(`launch ${task.launchId} missing`);
    return launch;
  }

  @Authorized()
  @Query(() => [ChecklistTemplate], { description: 'The checklist template of every tier.' })
  checklistTemplates(): readonly ChecklistTemplate[] {
    return CHECKLIST_TEMPLATES;
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => TaskPayload, { description: "Add a task to a launch's checklist." })
  async createTask(
    @Arg('input', () => CreateTaskInput, { description: 'The new task.' }) input: CreateTaskInput,
    @Ctx() ctx: Context,
  ): Promise<TaskPayload> {
    return { task: await new ChecklistService(ctx.dataSource).create(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => TaskPayload, {
    description:
      'Change a task: owners and admins any field, the assignee status, description and blocked reason.',
  })
  async updateTask(
    @Arg('input', () => UpdateTaskInput, { description: 'The changes.' }) input: UpdateTaskInput,
    @Ctx() ctx: Context,
  ): Promise<TaskPayload> {
    const { task, dependsOn, assignee } = await new ChecklistService(ctx.dataSource).update(
      ctx.viewer,
      input,
    );
    // The payload from what the transaction read and wrote: nothing is read after COMMIT.
    ctx.loaders.dependsOnByTaskId.prime(task.id, dependsOn);
    if (assignee) ctx.loaders.personById.prime(assignee.id, assignee);
    return { task };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => DeleteTaskPayload, { description: 'Delete a task and its dependency edges.' })
  async deleteTask(
    @Arg('input', () => DeleteTaskInput, { description: 'The task.' }) input: DeleteTaskInput,
    @Ctx() ctx: Context,
  ): Promise<DeleteTaskPayload> {
    return { deletedTaskId: await new ChecklistService(ctx.dataSource).delete(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => TaskPayload, {
    description: 'Make a task depend on another of the same launch (never itself, never a cycle).',
  })
  async addTaskDependency(
    @Arg('input', () => AddTaskDependencyInput, { description: 'The edge.' })
    input: AddTaskDependencyInput,
    @Ctx() ctx: Context,
  ): Promise<TaskPayload> {
    return {
      task: await new ChecklistService(ctx.dataSource).addDependency(ctx.viewer, input),
    };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => TaskPayload, { description: 'Remove a dependency between two tasks.' })
  async removeTaskDependency(
    @Arg('input', () => RemoveTaskDependencyInput, { description: 'The edge.' })
    input: RemoveTaskDependencyInput,
    @Ctx() ctx: Context,
  ): Promise<TaskPayload> {
    return {
      task: await new ChecklistService(ctx.dataSource).removeDependency(ctx.viewer, input),
    };
  }

  @Subscription(() => ChecklistStatus, {
    description:
      "A launch's checklist status: the current one at once, then one per committed change (revision only rises).",
    subscribe: async ({ args, context }: { args: { launchId: string }; context: Context }) => {
      return context.events.subscribeStatus(await checklistStatusTopic(context, args.launchId));
    },
  })
  checklistStatusChanged(
    @Root() status: ChecklistStatus,
    @Arg('launchId', () => ID, { description: 'The launch to watch.' }) _launchId: string,
  ): ChecklistStatus {
    return status;
  }
}

/** The Launch fields that belong to the checklist. */
@Resolver(() => Launch)
export class LaunchChecklistResolver {
  @FieldResolver(() => ChecklistStatus, {
    description: 'The checklist at a glance, computed from the tasks.',
  })
  async checklistStatus(
    @Root() launch: Launch,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChecklistStatus> {
    const loader = selectsField(info, 'byOwnerRole')
      ? ctx.loaders.checklistStatusByLaunchId
      : ctx.loaders.checklistSummaryByLaunchId;
    const status = await loader.load(launch.id);
    if (!status) throw new Error(`launch ${launch.id} missing`);
    return status;
  }

  @FieldResolver(() => TaskConnection, {
    description: 'The checklist tasks, by due date (undated last).',
  })
  tasks(
    @Root() launch: Launch,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => TaskFilter, { nullable: true, description: 'Narrow the list.' })
    filter: TaskFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Task>> {
    return ctx.loaders.once.get(`Launch.tasks ${launch.id} ${JSON.stringify([args, filter])}`, () =>
      listTasks(ctx.dataSource.manager, { launchId: launch.id }, { ...args, filter }).then((page) =>
        primeTaskPage(ctx, page),
      ),
    );
  }
}

/**
 * A page's assignees, and its tasks' dependencies that the page holds, go to
 * the request's loaders: the page's `assignee` and `dependsOn` fields read
 * them without another statement.
 */
function primeTaskPage(ctx: Context, page: TaskPage): Connection<Task> {
  for (const person of page.assignees) ctx.loaders.personById.prime(person.id, person);
  for (const [taskId, tasks] of dependenciesWithinPage(page)) {
    ctx.loaders.dependsOnByTaskId.prime(taskId, tasks);
  }
  return page;
}

@Resolver(() => Person)
export class PersonTasksResolver {
  @FieldResolver(() => TaskConnection, {
    description: 'Tasks assigned to this person, by due date.',
  })
  assignedTasks(
    @Root() person: Person,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => TaskFilter, { nullable: true, description: 'Narrow the list.' })
    filter: TaskFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Task>> {
    return ctx.loaders.once.get(
      `Person.assignedTasks ${person.id} ${JSON.stringify([args, filter])}`,
      () =>
        listTasks(ctx.dataSource.manager, { assigneeId: person.id }, { ...args, filter }).then(
          (page) => primeTaskPage(ctx, page),
        ),
    );
  }
}

@Resolver(() => ReadinessReason)
export class ReadinessReasonResolver {
  @FieldResolver(() => Task, { nullable: true, description: 'The task concerned, if any.' })
  task(@Root() reason: ReadinessReason, @Ctx() ctx: Context): Promise<Task | null> | null {
    return reason.taskId ? ctx.loaders.taskById.load(reason.taskId) : null;
  }
}
