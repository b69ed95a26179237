import { errorMessage } from './attempt-signal';
import type {
  AttemptFailure,
  AttemptResult,
  DeliveryResult,
  DeliveryTarget,
  EmailSender,
  WebhookSender,
} from './delivery.types';
import { sendWebhook } from './http-sender';
import { sendEmail } from './smtp-sender';

/** Waits `ms`; may return (or reject) early once `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryingDeliveryOptions {
  /** Attempts per delivery, the first included (≥ 1). */
  maxAttempts: number;
  /** Backoff before the first retry; doubles per retry up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Timeout of each attempt, unless the target sets its own. */
  timeoutMs: number;
  sleep?: Sleep;
  /** Source of jitter in [0, 1); Math.random by default. */
  random?: () => number;
  /** Replaces the HTTP or SMTP sender (tests). */
  senders?: { webhook?: WebhookSender; email?: EmailSender };
}

/** Sleeps `ms`, resolving at once when `signal` aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The wait before retry number `retry` (1 = the second attempt): exponential, capped, with "equal jitter" — a
 * uniformly random point in the upper half of the capped interval, so receivers that failed together do not
 * retry together, and no wait is shorter than half its step.
 */
export function backoffDelay(
  retry: number,
  options: Pick<RetryingDeliveryOptions, 'initialBackoffMs' | 'maxBackoffMs'>,
  random: () => number,
): number {
  const step = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** (retry - 1));
  const jitter = Math.min(Math.max(random(), 0), 1);
  return step / 2 + (step / 2) * jitter;
}

/**
 * Delivers a notification to one receiver integration, retrying failures the receiver may get over.
 *
 * Each `deliver` call is its own promise with its own timers and connections: nothing is queued or locked across
 * calls, so a receiver that hangs only ever delays its own delivery.
 */
export class RetryingDelivery {
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly webhook: WebhookSender;
  private readonly email: EmailSender;

  constructor(private readonly options: RetryingDeliveryOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be an integer ≥ 1, got ${options.maxAttempts}`);
    }
    if (!(options.initialBackoffMs >= 0) || !(options.maxBackoffMs >= options.initialBackoffMs)) {
      throw new RangeError(
        `need 0 ≤ initialBackoffMs ≤ maxBackoffMs, got ${options.initialBackoffMs} and ${options.maxBackoffMs}`,
      );
    }
    if (!(options.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${options.timeoutMs}`);
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.webhook = options.senders?.webhook ?? sendWebhook;
    this.email = options.senders?.email ?? sendEmail;
  }

  /**
   * Delivers `body` (webhooks: a JSON value, or EncodedJson for exact bytes; ignored for email, whose target holds
   * the rendered message). Resolves with the outcome and the attempts it took; never rejects. `signal` (e.g.
   * shutdown) stops waiting and the attempt in flight; the result then has `aborted: true`.
   */
  async deliver(target: DeliveryTarget, body?: unknown, signal?: AbortSignal): Promise<DeliveryResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let attempts = 0;
    let last: AttemptFailure | undefined;

    for (;;) {
      if (signal?.aborted) return aborted(attempts, last, elapsed());
      attempts += 1;
      const result = await this.attempt(target, body, signal);
      if (result.ok) return { ok: true, attempts, status: result.status, durationMs: elapsed() };
      last = result;
      if (!result.retryable) {
        return {
          ok: false,
          attempts,
          retryable: false,
          error: result.error,
          status: result.status,
          durationMs: elapsed(),
        };
      }
      if (signal?.aborted) return aborted(attempts, last, elapsed());
      if (attempts >= this.options.maxAttempts) {
        return {
          ok: false,
          attempts,
          retryable: true,
          error: `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${result.error}`,
          status: result.status,
          durationMs: elapsed(),
        };
      }
      await this.sleep(backoffDelay(attempts, this.options, this.random), signal).catch(() => undefined);
    }
  }

  private async attempt(
    target: DeliveryTarget,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const timeoutMs = target.kind === 'webhook' && target.timeoutMs ? target.timeoutMs : this.options.timeoutMs;
    const options = { timeoutMs, signal };
    try {
      return target.kind === 'webhook' ? await this.webhook(target, body, options) : await this.email(target, options);
    } catch (err) {
      // Senders report failures as results; a throw is a bug, and retrying a bug only repeats it.
      return { ok: false, retryable: false, error: `${target.kind} sender failed unexpectedly: ${errorMessage(err)}` };
    }
  }
}

function aborted(attempts: number, last: AttemptFailure | undefined, durationMs: number): DeliveryResult {
  return {
    ok: false,
    attempts,
    retryable: true,
    aborted: true,
    error: last
      ? `aborted after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last.error}`
      : 'aborted before the first attempt',
    status: last?.status,
    durationMs,
  };
}
