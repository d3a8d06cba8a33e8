import type { Context } from '../core/graphql/context';

/** What a domain module contributes to the app. */
export interface ModuleDefinition {
  entities: Function[];
  resolvers: Function[];
  /** Fetchers for `node(id:)`, by GraphQL type name. */
  nodes: Record<string, (ctx: Context, uuid: string) => Promise<object | null>>;
}
