import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { AppError } from '../errors';
import type { Context } from './context';
import { parseGlobalId } from './global-id';
import { Node } from './node';

/** Fetchers for `node(id:)`, by GraphQL type name. */
export type NodeFetchers = Record<string, (ctx: Context, uuid: string) => Promise<object | null>>;

/** The `node(id:)` query over the modules' fetchers. */
export function createNodeResolver(nodeFetchers: NodeFetchers): Function {
  @Resolver()
  class NodeResolver {
    @Authorized()
    @Query(() => Node, {
      nullable: true,
      description: 'Fetch any object by its global id; null when nothing (visible to you) has it.',
    })
    async node(
      @Arg('id', () => ID, { description: 'A global id from any `id` field.' }) id: string,
      @Ctx() ctx: Context,
    ): Promise<object | null> {
      const parsed = parseGlobalId(id);
      if (!parsed) throw AppError.badInput('id', `"${id}" is not a valid id`);
      const fetch = nodeFetchers[parsed.typename];
      return fetch ? fetch(ctx, parsed.uuid) : null;
    }
  }
  return NodeResolver;
}
