/**
 * A small map whose entries expire `ttlMs` after they were set and which holds at most `maxEntries` (the oldest
 * set goes first). The clock is injected so tests control it.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    if (ttlMs <= 0 || maxEntries <= 0) throw new Error('ExpiringCache needs a positive ttl and size');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value while it is fresh; an expired entry is dropped and reads as absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    // Re-setting moves the key to the end of the insertion order, so it is evicted last.
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
