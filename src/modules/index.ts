import type { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import type { ModuleDefinition } from '../core/composition/module-definition';
import { createDataSource, type DataSourceOptions } from '../core/db/data-source';
import type { Loaders } from '../core/graphql/context';
import { OnceCache } from '../core/graphql/once-cache';
import { createSchema } from '../core/graphql/schema';
import { ActivityService, activityModule, type LaunchActivity } from './activity';
import {
  checklistModule,
  type createChecklistLoaders,
  loadChecklistStatuses,
  openTaskSql,
  templateInsert,
  weekdayDueDateSql,
  type ChecklistStatus,
} from './checklist';
import {
  type createLaunchLoaders,
  launchesModule,
  lockLaunchOf,
  useLaunchChecklist,
} from './launches';
import { type createMessagingLoaders, messagingModule } from './messaging';
import { type createPeopleLoaders, peopleModule } from './people';
import { type createPricingLoaders, pricingModule } from './pricing';
import {
  type createReadinessLoaders,
  readinessModule,
  useReadinessChecklist,
  useReadinessLaunches,
} from './readiness';

/**
 * The composition root of the domain: the only place that knows every module,
 * and the only way core/ reaches them (core imports no module; it is handed
 * what it needs from here).
 */
const modules: ModuleDefinition[] = [
  peopleModule,
  launchesModule,
  checklistModule,
  activityModule,
  messagingModule,
  pricingModule,
  readinessModule,
];

// A new launch gets its tier's tasks from the checklist, which launches and readiness cannot
// import; both ask it what an open task is.
useLaunchChecklist({ templateInsert, dueDateSql: weekdayDueDateSql, openTaskSql });
useReadinessChecklist({ openTaskSql });
// Readiness writes take the launch's lock through launches, which import readiness.
useReadinessLaunches({ lockLaunchOf });

type ModuleLoaders = ReturnType<typeof createPeopleLoaders> &
  ReturnType<typeof createLaunchLoaders> &
  ReturnType<typeof createChecklistLoaders> &
  ReturnType<typeof createPricingLoaders> &
  ReturnType<typeof createMessagingLoaders> &
  ReturnType<typeof createReadinessLoaders>;

declare module '../core/graphql/context' {
  // The modules' loaders and live event types, as core's Context carries them.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Loaders extends ModuleLoaders {}
  interface LiveEventTypes {
    status: ChecklistStatus;
    activity: LaunchActivity;
  }
}

export const entities = modules.flatMap((m) => m.entities);
export const resolvers = modules.flatMap((m) => m.resolvers);
export const sharedSubscriptions: NonNullable<ModuleDefinition['sharedSubscriptions']> =
  Object.fromEntries(modules.flatMap((m) => Object.entries(m.sharedSubscriptions ?? {})));
export const nodeFetchers: ModuleDefinition['nodes'] = Object.fromEntries(
  modules.flatMap((m) => Object.entries(m.nodes)),
);

/** One set of DataLoaders per request (or subscription operation). */
export function createLoaders(dataSource: DataSource): Loaders {
  const loaders = Object.assign(
    {},
    ...modules.map((m) => m.loaders?.(dataSource) ?? {}),
  ) as Loaders;
  // Pages of lists (tasks, activity), once per request and arguments.
  loaders.once = new OnceCache();
  return loaders;
}

/** The DataSource over every module's entities and the migrations (app, CLI, tests). */
export function createAppDataSource(options: Omit<DataSourceOptions, 'entities' | 'migrations'>) {
  return createDataSource({ ...options, entities, migrations });
}

/** The executable schema of every module. */
export function createAppSchema() {
  return createSchema({ resolvers, nodes: nodeFetchers });
}

/** What live checklist subscriptions push: computed for many launches in one statement. */
export { loadChecklistStatuses };
export type { ChecklistStatus, LaunchActivity };

/** Where the activity fan-out reads new rows. */
export function activitySource(dataSource: DataSource) {
  const service = new ActivityService(dataSource);
  return {
    after: (launchId: string, seq: number) => service.after(launchId, seq),
    head: (launchId: string) => service.head(launchId),
  };
}
