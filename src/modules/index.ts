import type { DataSource } from 'typeorm';
import type { ModuleDefinition } from './module';
import { createPeopleLoaders } from './people/people.loaders';
import { peopleModule } from './people';

/** The registry: the only way core/ reaches the domain modules. */
const modules: ModuleDefinition[] = [peopleModule];

export const entities = modules.flatMap((m) => m.entities);
export const resolvers = modules.flatMap((m) => m.resolvers);
export const nodeFetchers: ModuleDefinition['nodes'] = Object.assign({}, ...modules.map((m) => m.nodes));

/** One set of DataLoaders per request (or subscription operation). */
export function createLoaders(dataSource: DataSource) {
  return {
    ...createPeopleLoaders(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
