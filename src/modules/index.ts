import type { DataSource } from 'typeorm';
import { OnceCache } from '../core/graphql/once-cache';
import { activityModule } from './activity';
import { ActivityService } from './activity/activity.service';
import type { LaunchActivity } from './activity/launch-activity.entity';
import { checklistModule } from './checklist';
import { createChecklistLoaders } from './checklist/checklist.loaders';
import { loadChecklistStatuses } from './checklist/checklist-status';
import { launchesModule } from './launches';
import { createLaunchLoaders } from './launches/launches.loaders';
import { messagingModule } from './messaging';
import { createMessagingLoaders } from './messaging/messaging.loaders';
import type { ModuleDefinition } from './module';
import { peopleModule } from './people';
import { createPeopleLoaders } from './people/people.loaders';
import { pricingModule } from './pricing';
import { createReadinessLoaders, readinessModule } from './readiness';
import { createPricingLoaders } from './pricing/pricing.loaders';

/** The registry: the only way core/ reaches the domain modules. */
const modules: ModuleDefinition[] = [
  peopleModule,
  launchesModule,
  checklistModule,
  activityModule,
  messagingModule,
  pricingModule,
  readinessModule,
];

export const entities = modules.flatMap((m) => m.entities);
export const resolvers = modules.flatMap((m) => m.resolvers);
export const sharedSubscriptions: NonNullable<ModuleDefinition['sharedSubscriptions']> =
  Object.fromEntries(modules.flatMap((m) => Object.entries(m.sharedSubscriptions ?? {})));
export const nodeFetchers: ModuleDefinition['nodes'] = Object.fromEntries(
  modules.flatMap((m) => Object.entries(m.nodes)),
);

/** One set of DataLoaders per request (or subscription operation). */
export function createLoaders(dataSource: DataSource) {
  return {
    ...createPeopleLoaders(dataSource),
    ...createLaunchLoaders(dataSource),
    ...createChecklistLoaders(dataSource),
    ...createPricingLoaders(dataSource),
    ...createMessagingLoaders(dataSource),
    ...createReadinessLoaders(dataSource),
    /** Pages of lists (tasks, activity), once per request and arguments. */
    once: new OnceCache(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** What live checklist subscriptions push: computed for many launches in one statement. */
export { loadChecklistStatuses };
export type { ChecklistStatus } from './checklist/checklist-status';
export type { LaunchActivity };

/** Where the activity fan-out reads new rows. */
export function activitySource(dataSource: DataSource) {
  const service = new ActivityService(dataSource);
  return {
    after: (launchId: string, seq: number) => service.after(launchId, seq),
    head: (launchId: string) => service.head(launchId),
  };
}
