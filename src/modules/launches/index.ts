import type { ModuleDefinition } from '../module';
import { Launch } from './launch.entity';
import { LaunchResolver } from './launches.resolver';

export const launchesModule: ModuleDefinition = {
  entities: [Launch],
  resolvers: [LaunchResolver],
  nodes: { Launch: (ctx, uuid) => ctx.loaders.launchById.load(uuid) },
};
