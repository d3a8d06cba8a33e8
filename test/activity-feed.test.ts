import fc from 'fast-check';
import pino from 'pino';
import { ActivityFeed, type ActivitySource } from '../src/core/events/activity-feed';

// The feed's rules with an in-memory log standing in for the table (the SQL side is
// covered end to end in activity.test.ts and stream-resume.test.ts).
interface Row {
  seq: number;
}

function memoryLog(count: number): ActivitySource<Row> & { rows: Row[] } {
  const rows = Array.from({ length: count }, (_, i) => ({ seq: i + 1 }));
  return {
    rows,
    after: async (_launchId, after) => rows.filter((r) => r.seq > after),
    head: async () => rows.length,
  };
}

describe('ActivityFeed backpressure', () => {
  it('closes a subscriber whose socket backlog passes the bound, after what it could take', async () => {
    const log = memoryLog(50);
    const feed = new ActivityFeed(log, pino({ level: 'silent' }));
    let buffered = 0;
    let shed = 0;
    const stream = await feed.subscribe('launch', 0, {
      overloaded: () => buffered > 1000,
      shed: () => void (shed += 1),
    });
    const received: number[] = [];
    for await (const row of stream) {
      received.push(row.seq);
      buffered += 100; // the client reads nothing: each row stays in the socket
    }
    expect(received).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(shed).toBe(1);
    expect(feed.launches).toEqual([]);
  });

  it('keeps a subscriber that drains, however long the replay', async () => {
    const log = memoryLog(5000);
    const feed = new ActivityFeed(log, pino({ level: 'silent' }));
    let shed = 0;
    const stream = await feed.subscribe('launch', 10, {
      overloaded: () => false,
      shed: () => void (shed += 1),
    });
    const received: number[] = [];
    for await (const row of stream) {
      received.push(row.seq);
      if (row.seq === 5000) break;
    }
    expect(received).toHaveLength(4990);
    expect(received[0]).toBe(11);
    expect(shed).toBe(0);
  });
});

// A log whose reads wait until the test answers them, and answer from the table as it
// stands at that moment (a read's snapshot is taken late: the adversarial case).
class ScriptedLog implements ActivitySource<Row> {
  readonly rows: Row[] = [];
  readonly pending: Array<{ what: string; answer: () => void; fail: (e: Error) => void }> = [];

  commit(count = 1): void {
    for (let i = 0; i < count; i += 1) this.rows.push({ seq: this.rows.length + 1 });
  }

  after(_launchId: string, after: number): Promise<Row[]> {
    return new Promise((resolve, fail) =>
      this.pending.push({
        what: `after ${after}`,
        answer: () => resolve(this.rows.filter((r) => r.seq > after)),
        fail,
      }),
    );
  }

  head(): Promise<number> {
    return new Promise((resolve, fail) =>
      this.pending.push({ what: 'head', answer: () => resolve(this.rows.length), fail }),
    );
  }

  /** Answers the oldest pending read (which must be `what`), then lets the feed react. */
  async answer(what: string): Promise<void> {
    await settle();
    const call = this.pending.shift();
    expect(call?.what).toBe(what);
    call?.answer();
    await settle();
  }

  /** Fails the oldest pending read (which must be `what`). */
  async fail(what: string, error: Error): Promise<void> {
    await settle();
    const call = this.pending.shift();
    expect(call?.what).toBe(what);
    call?.fail(error);
    await settle();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Collects what a subscriber receives, as graphql-ws would (one `next()` at a time). */
function collect(stream: AsyncIterableIterator<Row>): number[] {
  const seen: number[] = [];
  void (async () => {
    for await (const row of stream) seen.push(row.seq);
  })();
  return seen;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ActivityFeed: every row after the cursor exactly once, in order', () => {
  const silent = pino({ level: 'silent' });

  async function firstSubscriber(log: ScriptedLog, feed: ActivityFeed<Row>): Promise<number[]> {
    const subscribing = feed.subscribe('L', null);
    await log.answer('head');
    return collect(await subscribing);
  }

  it('replay before a pull: the pull after the replay drops what the replay gave', async () => {
    const log = new ScriptedLog();
    log.commit(5);
    const feed = new ActivityFeed(log, silent);
    const subscribing = feed.subscribe('L', 2);
    await log.answer('head');
    log.commit(1); // 6 commits while the replay is read: the replay sees it
    await log.answer('after 2');
    const seen = collect(await subscribing);
    feed.changed('L'); // 6's notification
    await log.answer('after 5'); // gives 6 again: dropped
    log.commit(1);
    feed.changed('L');
    await log.answer('after 6');
    expect(seen).toEqual(range(3, 7));
    expect(log.pending).toEqual([]);
  });

  it('replay after a pull: a subscriber waits for the pull in flight, then replays', async () => {
    const log = new ScriptedLog();
    log.commit(5);
    const feed = new ActivityFeed(log, silent);
    const a = await firstSubscriber(log, feed);
    log.commit(2); // 6, 7
    feed.changed('L');
    const subscribing = feed.subscribe('L', 3);
    await settle();
    // The pull is in flight; the new subscriber's replay has not started.
    expect(log.pending.map((p) => p.what)).toEqual(['after 5']);
    log.commit(1); // 8: the pull's snapshot sees it
    await log.answer('after 5');
    expect(a).toEqual([6, 7, 8]);
    log.commit(1); // 9: seen by the replay, its notification comes later
    await log.answer('after 3');
    const b = collect(await subscribing);
    feed.changed('L'); // 9's notification
    await log.answer('after 8');
    expect(a).toEqual([6, 7, 8, 9]);
    expect(b).toEqual(range(4, 9));
    expect(log.pending).toEqual([]);
  });

  it('a pull in flight at subscribe time, resumed from an old cursor: no row twice', async () => {
    // The reported failure: the pulled rows and the replay overlapped (68, 68, 69, 69).
    const log = new ScriptedLog();
    log.commit(66);
    const feed = new ActivityFeed(log, silent);
    const a = await firstSubscriber(log, feed);
    log.commit(2); // 67, 68
    feed.changed('L');
    const subscribing = feed.subscribe('L', 60);
    log.commit(1); // 69
    feed.changed('L'); // arrives while the pull is in flight: one more pass follows
    await log.answer('after 66'); // 67..69 to a
    log.commit(1); // 70
    await log.answer('after 60'); // b's replay: 61..70
    const b = collect(await subscribing);
    await log.answer('after 69'); // the pass asked for during the first pull: 70 to a only
    feed.changed('L'); // 70's notification
    await log.answer('after 70');
    expect(a).toEqual(range(67, 70));
    expect(b).toEqual(range(61, 70));
    expect(log.pending).toEqual([]);
  });

  it('two pulls racing (a notification and a listener catch-up): one more pass, no row twice', async () => {
    const log = new ScriptedLog();
    const feed = new ActivityFeed(log, silent);
    const a = await firstSubscriber(log, feed);
    const subscribing = feed.subscribe('L', 0);
    await log.answer('after 0'); // b's replay: nothing yet
    const b = collect(await subscribing);
    log.commit(3);
    feed.changed('L');
    feed.changed('L'); // the catch-up after a listener loss, same launch
    await settle();
    expect(log.pending.map((p) => p.what)).toEqual(['after 0']);
    log.commit(2); // the first pass sees 1..5
    await log.answer('after 0');
    log.commit(1);
    feed.changed('L');
    await log.answer('after 5'); // the second pass: 6
    await log.answer('after 6'); // the third, asked for by 6's notification
    expect(log.pending).toEqual([]);
    expect(a).toEqual(range(1, 6));
    expect(b).toEqual(range(1, 6));
  });

  it('a failed replay ends that subscriber only; the feed keeps serving the others', async () => {
    const log = new ScriptedLog();
    log.commit(2);
    const feed = new ActivityFeed(log, silent);
    const a = await firstSubscriber(log, feed);
    const failing = feed.subscribe('L', 0);
    const outcome = failing.then(
      () => 'subscribed',
      (error: Error) => error.message,
    );
    await log.fail('after 0', new Error('connection terminated'));
    expect(await outcome).toBe('connection terminated');
    log.commit(1);
    feed.changed('L');
    await log.answer('after 2');
    expect(a).toEqual([3]);
    expect(log.pending).toEqual([]);
  });
});

describe('ActivityFeed under any interleaving (fast-check scheduler)', () => {
  type Command =
    | { kind: 'commit'; count: number }
    | { kind: 'subscribe'; after: number | null }
    | { kind: 'leave'; which: number };

  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('commit' as const), count: fc.integer({ min: 1, max: 3 }) }),
    fc.record({
      kind: fc.constant('subscribe' as const),
      after: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
    }),
    fc.record({ kind: fc.constant('leave' as const), which: fc.nat(6) }),
  );

  it('each subscriber gets every row after its cursor exactly once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(command, { minLength: 1, maxLength: 14 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        async (s, commands, lateSnapshots) => {
          const rows: Row[] = [];
          let reads = 0;
          // Each read answers from a snapshot taken either when it is sent or when it returns.
          const read = <T>(answer: () => T): Promise<T> => {
            const late = lateSnapshots[reads++ % lateSnapshots.length];
            if (late) return s.schedule(Promise.resolve()).then(answer);
            return s.schedule(Promise.resolve(answer()));
          };
          const source: ActivitySource<Row> = {
            after: (_id, after) => read(() => rows.filter((r) => r.seq > after)),
            head: () => read(() => rows.length),
          };
          const feed = new ActivityFeed(source, pino({ level: 'silent' }));
          interface Entry {
            after: number | null;
            committedAtCall: number;
            seen: number[];
            stream?: AsyncIterableIterator<Row>;
            left: boolean;
          }
          const subscribers: Entry[] = [];
          s.scheduleSequence(
            commands.map((c) => ({
              label: JSON.stringify(c),
              builder: async () => {
                if (c.kind === 'commit') {
                  for (let i = 0; i < c.count; i += 1) rows.push({ seq: rows.length + 1 });
                  // The NOTIFY reaches the listener some time after COMMIT.
                  void s.schedule(Promise.resolve(), 'notify').then(() => feed.changed('L'));
                } else if (c.kind === 'subscribe') {
                  const entry: Entry = {
                    after: c.after,
                    committedAtCall: rows.length,
                    seen: [] as number[],
                    left: false,
                  };
                  subscribers.push(entry);
                  void feed.subscribe('L', c.after).then((stream) => {
                    entry.stream = stream;
                    void (async () => {
                      for await (const row of stream) entry.seen.push(row.seq);
                    })();
                  });
                } else {
                  const entry = subscribers[c.which % Math.max(subscribers.length, 1)];
                  if (entry?.stream && !entry.left) {
                    entry.left = true;
                    await entry.stream.return?.();
                  }
                }
              },
            })),
          );
          await s.waitIdle();
          await settle();
          await s.waitIdle();
          const total = rows.length;
          for (const entry of subscribers) {
            expect(entry.stream).toBeDefined();
            if (entry.left) {
              // What it got before leaving is still a run without gap or repeat.
              entry.seen.forEach((seq, i) => i > 0 && expect(seq).toBe(entry.seen[i - 1] + 1));
              continue;
            }
            if (entry.after !== null) {
              expect(entry.seen).toEqual(range(entry.after + 1, total));
            } else {
              // From the head it read (somewhere between its call and its start) to the end.
              const start = entry.seen.length ? entry.seen[0] - 1 : total;
              expect(start).toBeGreaterThanOrEqual(entry.committedAtCall);
              expect(entry.seen).toEqual(range(start + 1, total));
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
