import type { ModuleDefinition } from '../../core/composition/module-definition';
import { createChecklistLoaders } from './checklist.loaders';
import {
  LaunchChecklistResolver,
  PersonTasksResolver,
  ReadinessReasonResolver,
  TaskResolver,
} from './checklist.resolver';
import { checklistStatusChanged } from './checklist.subscriptions';
import { Task } from './task.entity';

export const checklistModule: ModuleDefinition = {
  entities: [Task],
  resolvers: [TaskResolver, LaunchChecklistResolver, PersonTasksResolver, ReadinessReasonResolver],
  loaders: createChecklistLoaders,
  nodes: { Task: (ctx, uuid) => ctx.loaders.taskById.load(uuid) },
  sharedSubscriptions: { checklistStatusChanged },
};

export { closeDeliverableTasks, reopenDeliverableTasks } from './deliverables.service';
export { TaskCompletion, openTaskSql } from './checklist.enums';
export { Task };
export { instantiateTemplate, templateInsert } from './template-instantiation.sql';
export { weekdayDueDateSql } from './due-dates.rules';
export { createChecklistLoaders };
export { loadChecklistStatuses } from './checklist-status.sql';
export type { ChecklistStatus } from './checklist-status.types';
