import type { DataSource } from 'typeorm';
import { checklistModule } from './checklist';
import { createChecklistLoaders } from './checklist/checklist.loaders';
import { loadChecklistStatuses } from './checklist/checklist-status';
import { launchesModule } from './launches';
import { createLaunchLoaders } from './launches/launches.loaders';
import type { ModuleDefinition } from './module';
import { peopleModule } from './people';
import { createPeopleLoaders } from './people/people.loaders';

/** The registry: the only way core/ reaches the domain modules. */
const modules: ModuleDefinition[] = [peopleModule, launchesModule, checklistModule];

export const entities = modules.flatMap((m) => m.entities);
export const resolvers = modules.flatMap((m) => m.resolvers);
export const nodeFetchers: ModuleDefinition['nodes'] = Object.assign({}, ...modules.map((m) => m.nodes));

/** One set of DataLoaders per request (or subscription operation). */
export function createLoaders(dataSource: DataSource) {
  return {
    ...createPeopleLoaders(dataSource),
    ...createLaunchLoaders(dataSource),
    ...createChecklistLoaders(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** What live checklist subscriptions push: computed for many launches in one statement. */
export { loadChecklistStatuses };
export type { ChecklistStatus } from './checklist/checklist-status';
