import type { ModuleDefinition } from '../module';
import { PersonTasksResolver, ReadinessReasonResolver, TaskResolver } from './checklist.resolver';
import { checklistStatusChanged } from './checklist.subscriptions';
import { Task } from './task.entity';

export const checklistModule: ModuleDefinition = {
  entities: [Task],
  resolvers: [TaskResolver, PersonTasksResolver, ReadinessReasonResolver],
  nodes: { Task: (ctx, uuid) => ctx.loaders.taskById.load(uuid) },
  sharedSubscriptions: { checklistStatusChanged },
};

export { closeDeliverableTasks, reopenDeliverableTasks } from './deliverables';
export { TaskCompletion } from './checklist.enums';
