/** Reads the values of many keys at once; keys it has nothing for are left out of the map. */
export type BatchSource<T> = (keys: readonly string[]) => Promise<ReadonlyMap<string, T>>;

interface Waiter<T> {
  resolve(value: T | null): void;
  reject(error: unknown): void;
}

/**
 * Gathers the keys asked for in one turn of the event loop and reads them with one call of the source, so the
 * fields of a list of 50 incidents cost one batch each, not one read per field and incident. Nothing is cached beyond
 * that turn: a later load sees later writes.
 */
export class TurnBatcher<T> {
  private pending = new Map<string, Array<Waiter<T>>>();
  private scheduled = false;

  constructor(private readonly source: BatchSource<T>) {}

  load(key: string): Promise<T | null> {
    return new Promise((resolve, reject) => {
      this.pending.set(key, [...(this.pending.get(key) ?? []), { resolve, reject }]);
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    try {
      const values = await this.source([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(values.get(key) ?? null);
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    }
  }
}
