import { Client } from 'pg';

export interface AdvisoryLeaseOptions {
  /** PostgreSQL URL; the lease holds one connection of its own for as long as it runs. */
  url: string;
  /** What is leased: every process using the same name on the same database competes for it. */
  name: string;
  /** How often a process without the lease tries again, and how often the holder checks its connection. */
  retryMs: number;
  /** Called once the lease is held; the holder does its work from here on. */
  onAcquired: () => Promise<void> | void;
  /** Called when a held lease is lost (connection gone) or released by stop(); the work must stop. */
  onLost: () => Promise<void> | void;
  onError?: (error: Error) => void;
}

/**
 * A lease on work that one process of a deployment must do at a time (rule evaluation, schedulers), held as a
 * PostgreSQL session advisory lock on a dedicated connection. When the holder stops or its process or connection
 * dies, PostgreSQL releases the lock and another process takes over at its next try. The holder checks its
 * connection every retry interval and gives the work up as soon as the connection fails.
 */
export class AdvisoryLease {
  private client: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private holding = false;
  private step: Promise<void> = Promise.resolve();

  constructor(private readonly options: AdvisoryLeaseOptions) {}

  get held(): boolean {
    return this.holding;
  }

  /** Tries at once; resolves after that first try (held or not), then keeps trying in the background. */
  start(): Promise<void> {
    this.stopped = false;
    return this.run();
  }

  /** Releases the lease (the work is stopped first) and closes its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.step;
    await this.lose();
  }

  private run(): Promise<void> {
    this.step = this.step.then(() => this.tick());
    return this.step;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.holding) {
        await this.client?.query('SELECT 1');
      } else {
        const client = await this.connect();
        const result = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [
          this.options.name,
        ]);
        if (result.rows[0]?.held === true && !this.stopped) {
          this.holding = true;
          await this.options.onAcquired();
        }
      }
    } catch (error) {
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
      await this.lose();
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), this.options.retryMs);
    this.timer.unref();
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.url, keepAlive: true });
    // An error while idle (server restarted, connection killed) is seen by the next check; keep it from
    // becoming an unhandled 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    return client;
  }

  private async lose(): Promise<void> {
    const wasHolding = this.holding;
    this.holding = false;
    const client = this.client;
    this.client = undefined;
    try {
      if (wasHolding) await this.options.onLost();
    } finally {
      // Closing the session releases the lock, whether or not it was still alive.
      await client?.end().catch(() => undefined);
    }
  }
}
