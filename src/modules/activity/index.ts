import type { ModuleDefinition } from '../../core/composition/module-definition';
import { LaunchActivityLogResolver, LaunchActivityResolver } from './activity.resolver';
import { LaunchActivity } from './launch-activity.entity';

export const activityModule: ModuleDefinition = {
  entities: [LaunchActivity],
  resolvers: [LaunchActivityResolver, LaunchActivityLogResolver],
  nodes: {},
};

export { LaunchActivity };
export { ActivityService } from './activity.service';
