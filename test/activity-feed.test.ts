import pino from 'pino';
import { ActivityFeed, type ActivitySource } from '../src/core/events/activity-feed';

// The feed's rules with an in-memory log standing in for the table (the SQL side is
// covered end to end in activity.test.ts); here the socket's backlog is what varies.
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
