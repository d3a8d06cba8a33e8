import type { Context } from '../core/graphql/context';
import type { ShareableField } from '../core/http/shared-subscriptions';

/** What a domain module contributes to the app. */
export interface ModuleDefinition {
  entities: Function[];
  resolvers: Function[];
  /** Fetchers for `node(id:)`, by GraphQL type name. */
  nodes: Record<string, (ctx: Context, uuid: string) => Promise<object | null>>;
  /** Subscription fields whose subscribers may share one execution per event, by field name. */
  sharedSubscriptions?: Record<string, ShareableField<Context>>;
}
