import type { ModuleDefinition } from '../module';
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
  nodes: { MessagingBrief: (ctx, uuid) => ctx.loaders.briefById.load(uuid) },
};
