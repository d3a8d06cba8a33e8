import type { ModuleDefinition } from '../../core/composition/module-definition';
import { createMessagingLoaders } from './messaging.loaders';
import { MessagingBrief } from './messaging-brief.entity';
import { MessagingBriefRevision } from './messaging-brief-revision.entity';
import {
  LaunchMessagingResolver,
  MessagingBriefResolver,
  MessagingBriefRevisionResolver,
} from './messaging.resolver';

export const messagingModule: ModuleDefinition = {
  entities: [MessagingBrief, MessagingBriefRevision],
  resolvers: [MessagingBriefResolver, MessagingBriefRevisionResolver, LaunchMessagingResolver],
  loaders: createMessagingLoaders,
  nodes: { MessagingBrief: (ctx, uuid) => ctx.loaders.briefById.load(uuid) },
};

export { createMessagingLoaders };
