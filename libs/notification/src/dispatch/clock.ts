// Time and timers behind an interface, so that the dispatcher runs on the system clock in production and on
// FakeClock in tests (no real waiting).

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once, `delayMs` from now (a negative delay counts as 0). */
  setTimer(delayMs: number, callback: () => void): Timer;
}

// setTimeout's largest delay; longer waits are chained.
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Date.now() and setTimeout. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    let handle: ReturnType<typeof setTimeout>;
    const due = Date.now() + Math.max(0, delayMs);
    const arm = (): void => {
      const wait = due - Date.now();
      handle = setTimeout(wait > MAX_TIMEOUT_MS ? arm : callback, Math.min(Math.max(0, wait), MAX_TIMEOUT_MS));
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};

interface FakeTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** Lets pending promise callbacks run (several macrotask turns, none of them a wait on time). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** A clock that only moves when told to; timers fire in due-time order, ties in the order they were set. */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: FakeTimer[] = [];

  constructor(start: number | Date = 0) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    const timer: FakeTimer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Number of timers still waiting. */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing each due timer at its own time and settling promises after each. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms);
  }

  /** Moves time to `time` (epoch ms), firing due timers in order. */
  async advanceTo(time: number): Promise<void> {
    for (;;) {
      await settle();
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= time).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) {
        break;
      }
      this.timers.splice(this.timers.indexOf(due), 1);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = Math.max(this.current, time);
    await settle();
  }
}
