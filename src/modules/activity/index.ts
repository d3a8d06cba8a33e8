import type { ModuleDefinition } from '../module';
import { LaunchActivityLogResolver, LaunchActivityResolver } from './activity.resolver';
import { LaunchActivity } from './launch-activity.entity';

export const activityModule: ModuleDefinition = {
  entities: [LaunchActivity],
  resolvers: [LaunchActivityResolver, LaunchActivityLogResolver],
  nodes: {},
};
