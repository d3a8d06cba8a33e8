import {
  type GraphQLFieldResolver,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildSchema } from 'type-graphql';
import { withClaim } from '../db/idempotency-claim';
import { authChecker } from './auth-checker';
import { commitPayloadsInTransaction } from './committed-payload';
import type { Context } from './context';
import { createNodeResolver, type NodeFetchers } from './node.resolver';
import { DateTimeScalar } from './scalars';

const ROOT_DESCRIPTIONS = {
  query: 'Reads: people, launches, checklists, pricing, messaging and activity.',
  mutation: 'Writes. Each runs in one transaction: on any error nothing is written.',
  subscription: 'Live updates over graphql-ws on the same /graphql path.',
};

/**
 * type-graphql insists on a PubSub once any subscription exists, even when
 * every subscription brings its own `subscribe` (ours read from LaunchEvents,
 * fed by PostgreSQL LISTEN). Topic-based publishing is not used.
 */
const noTopicPubSub = {
  publish(topic: string): void {
    throw new Error(`topic pub/sub is not used (publish to ${topic})`);
  },
  subscribe(topic: string): AsyncIterable<unknown> {
    throw new Error(`topic pub/sub is not used (subscribe to ${topic})`);
  },
};

/** What the modules bring to the schema (the composition root gathers them). */
export interface SchemaParts {
  resolvers: Function[];
  nodes: NodeFetchers;
}

/** Builds the executable schema from the modules' resolver classes and node fetchers. */
export async function createSchema(parts: SchemaParts): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [createNodeResolver(parts.nodes), ...parts.resolvers] as [Function, ...Function[]],
    authChecker,
    validate: { forbidUnknownValues: false, stopAtFirstError: true },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    pubSub: noTopicPubSub,
  });
  const query = schema.getQueryType();
  if (query) query.description = ROOT_DESCRIPTIONS.query;
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.mutation;
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = ROOT_DESCRIPTIONS.subscription;
  commitPayloadsInTransaction(schema);
  claimIdempotencyKeys(schema);
  return schema;
}

/**
 * Mutation fields run with their request's Idempotency-Key claim (outside their deferred
 * transaction): the transaction inserts the key's row with the write, and the key is
 * taken only once that transaction committed (see core/db/transaction.ts).
 */
function claimIdempotencyKeys(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve as GraphQLFieldResolver<unknown, Context> | undefined;
    if (!resolve) continue;
    field.resolve = (source, args, context: Context, info) =>
      withClaim(context.idempotency, () => resolve(source, args, context, info));
  }
}

/** The SDL committed as schema/schema.graphql. */
export function printSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
