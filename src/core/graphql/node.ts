import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Everything `node(id:)` can fetch. Each implementing type resolves `id`
 * itself (a field resolver returning the global id) since the entity's own
 * `id` is the database uuid; the concrete type is found by instanceof.
 */
@InterfaceType({
  description: 'An object with an opaque global id that `node(id:)` resolves.',
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id.' })
  id: string;
}
