/** Delayed work owned by one consumer, cancelled all at once when it stops. */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  schedule(fn: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delayMs);
    this.timers.add(timer);
  }

  clear(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  get size(): number {
    return this.timers.size;
  }
}
