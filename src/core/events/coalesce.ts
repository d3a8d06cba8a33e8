/**
 * Runs `work(key)` at most once at a time per key; calls arriving meanwhile
 * cause exactly one more pass, so bursts of changes cost one read per pass.
 */
export class KeyedCoalescer {
  private readonly running = new Map<string, { dirty: boolean }>();

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly onError: (error: unknown, key: string) => void,
  ) {}

  run(key: string): void {
    const state = this.running.get(key);
    if (state) {
      state.dirty = true;
      return;
    }
    const fresh = { dirty: false };
    this.running.set(key, fresh);
    void (async () => {
      try {
        do {
          fresh.dirty = false;
          await this.work(key);
        } while (fresh.dirty);
      } catch (error) {
        this.onError(error, key);
      } finally {
        this.running.delete(key);
      }
    })();
  }
}

/**
 * Runs tasks one at a time per key, in the order they arrive; tasks of
 * different keys run freely. A failed task does not block the next.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
