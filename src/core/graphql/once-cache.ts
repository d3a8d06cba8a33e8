/**
 * Per-request memo for reads that are not DataLoaders (pages of a list): the
 * same read with the same arguments runs once per request. A mutation reads
 * its payload inside its transaction through it (committed-payload.ts), and
 * graphql-js then completes the payload from here, after COMMIT, without SQL.
 */
export class OnceCache {
  private readonly reads = new Map<string, Promise<unknown>>();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    let value = this.reads.get(key) as Promise<T> | undefined;
    if (!value) {
      value = read();
      this.reads.set(key, value);
      // A failed read is not kept: the next asker tries again.
      value.catch(() => this.reads.delete(key));
    }
    return value;
  }
}
