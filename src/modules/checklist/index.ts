import type { ModuleDefinition } from '../module';
import { PersonTasksResolver, TaskResolver } from './checklist.resolver';
import { checklistStatusChanged } from './checklist.subscriptions';
import { Task } from './task.entity';

export const checklistModule: ModuleDefinition = {
  entities: [Task],
  resolvers: [TaskResolver, PersonTasksResolver],
  nodes: { Task: (ctx, uuid) => ctx.loaders.taskById.load(uuid) },
  sharedSubscriptions: { checklistStatusChanged },
};
