import type { DataSource } from 'typeorm';
import type { Context } from '../graphql/context';
import type { NodeFetchers } from '../graphql/node.resolver';
import type { ShareableField } from '../http/shared-subscriptions';

/** What a domain module contributes to the app (the composition root, src/modules/index.ts, gathers them). */
export interface ModuleDefinition {
  entities: Function[];
  resolvers: Function[];
  /** Fetchers for `node(id:)`, by GraphQL type name. */
  nodes: NodeFetchers;
  /** The module's DataLoaders, made once per request (or subscription operation). */
  loaders?: (dataSource: DataSource) => object;
  /** Subscription fields whose subscribers may share one execution per event, by field name. */
  sharedSubscriptions?: Record<string, ShareableField<Context>>;
}
