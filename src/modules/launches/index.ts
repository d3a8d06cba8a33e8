import type { ModuleDefinition } from '../../core/composition/module-definition';
import { createLaunchLoaders } from './launches.loaders';
import { Launch } from './launch.entity';
import { LaunchResolver } from './launches.resolver';

export const launchesModule: ModuleDefinition = {
  entities: [Launch],
  resolvers: [LaunchResolver],
  loaders: createLaunchLoaders,
  nodes: { Launch: (ctx, uuid) => ctx.loaders.launchById.load(uuid) },
};

export { Launch };
export { LaunchStatus, LaunchTier } from './launches.enums';
export {
  lockLaunch,
  lockLaunchOf,
  lockOwnerAndRead,
  type LaunchOwnedTable,
} from './launch-lock.service';
export { useLaunchChecklist, type LaunchChecklist } from './launch-checklist.types';
export { createLaunchLoaders };
