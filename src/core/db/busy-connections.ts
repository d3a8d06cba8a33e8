import pg from 'pg';
import type { DataSource } from 'typeorm';

/** pg-pool's events for a client handed out, given back, or dropped. */
interface PoolEvents {
  on(event: 'acquire' | 'remove', listener: (client: pg.PoolClient) => void): void;
  on(event: 'release', listener: (error: unknown, client: pg.PoolClient) => void): void;
}

/**
 * The pool's connections checked out right now: a request's statement or transaction is
 * using them. When the drain time is over, shutdown ends their backends: a statement
 * waiting on a lock (or running long) fails at once as a lost connection, its transaction
 * rolls back (nothing is written), and its request answers 503 SERVICE_UNAVAILABLE instead
 * of being cut without an answer.
 */
export class BusyConnections {
  private readonly busy = new Set<pg.PoolClient>();

  /** Follows the pool of an initialized data source. */
  constructor(private readonly dataSource: DataSource) {
    const pool = (dataSource.driver as unknown as { master?: PoolEvents }).master;
    pool?.on('acquire', (client) => this.busy.add(client));
    pool?.on('release', (_error, client) => this.busy.delete(client));
    pool?.on('remove', (client) => this.busy.delete(client));
  }

  /** The backend process ids of the connections in use. */
  pids(): number[] {
    return [...this.busy]
      .map((client) => (client as unknown as { processID: number | null }).processID)
      .filter((pid): pid is number => typeof pid === 'number');
  }

  /** Terminates the backends of the connections in use (on a connection of its own); how many. */
  async terminate(): Promise<number> {
    const pids = this.pids();
    if (pids.length === 0) return 0;
    const client = new pg.Client({
      connectionString: (this.dataSource.options as { url?: string }).url,
      application_name: 'launch-planning-shutdown',
      connectionTimeoutMillis: 2000,
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
           FROM unnest($1::int[]) AS pid`,
        [pids],
      );
      return rows[0].n;
    } finally {
      await client.end();
    }
  }
}
