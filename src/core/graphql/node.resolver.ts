import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { nodeFetchers } from '../../modules';
import { AppError } from '../errors';
import type { Context } from './context';
import { parseGlobalId } from './global-id';
import { Node } from './node';

@Resolver()
export class NodeResolver {
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
