import { buildSchema, parse, type ExecutionArgs } from 'graphql';
import { SharedSubscriptions, type FanOutSocket } from '../src/core/http/shared-subscriptions';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Subscription { ticked(topic: String!): Int }
`);
const document = parse('subscription($topic: String!) { ticked(topic: $topic) }');

/** Events pushed by the test, one source for the group. */
function pushSource() {
  const waiting: Array<(result: IteratorResult<unknown>) => void> = [];
  const source: AsyncIterableIterator<unknown> = {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    return: () => Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]: () => source,
  };
  return { source, push: (value: unknown) => waiting.shift()?.({ value, done: false }) };
}

interface Ctx {
  socket: FanOutSocket;
  id: string;
}

it('writes a change to its subscribers in slices, letting the event loop run between them', async () => {
  const events = pushSource();
  const frames: string[] = [];
  const shared = new SharedSubscriptions<Ctx>({
    fields: {
      ticked: {
        topic: async (args) => String(args.topic),
        source: () => events.source,
      },
    },
    operationOf: (ctx) => ({
      socket: ctx.socket,
      operationId: ctx.id,
      scope: 'all',
      executionContext: () => ctx,
    }),
    formatError: (error) => ({ message: error.message }),
    chunk: 10,
  });
  const subscribers = 35;
  for (let i = 0; i < subscribers; i += 1) {
    const socket: FanOutSocket = {
      readyState: 1,
      // The frames are short: a 2-byte header (FIN + text, 7-bit length), then the message.
      writeFrame: (frame) => frames.push(frame.subarray(2).toString()),
    };
    const args: ExecutionArgs = {
      schema,
      document,
      variableValues: { topic: 'launch-1' },
      contextValue: { socket, id: '1' } satisfies Ctx,
    };
    await shared.subscribe(args);
  }
  expect(shared.memberCount).toBe(subscribers);
  // Joining members are handed the current result on the next turn (none yet): let that pass.
  await new Promise((resolve) => setImmediate(resolve));

  // A turn of the event loop records how many sockets had been written by then.
  const seen: number[] = [];
  let ticking = true;
  const tick = () => {
    seen.push(frames.length);
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  events.push({ ticked: 7 });
  while (frames.length < subscribers) await new Promise((resolve) => setImmediate(resolve));
  ticking = false;

  expect(shared.executions).toBe(1);
  expect(new Set(frames)).toEqual(
    new Set(['{"id":"1","type":"next","payload":{"data":{"ticked":7}}}']),
  );
  const during = seen.filter((n) => n > 0 && n < subscribers);
  expect(during.length).toBeGreaterThanOrEqual(3);
  const steps = seen.slice(1).map((n, i) => n - seen[i]);
  expect(Math.max(...steps)).toBeLessThanOrEqual(10);
});
