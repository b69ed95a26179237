import type { AttemptOptions, AttemptResult, EmailTarget, WebhookTarget } from './delivery.types';
import { RetryingDelivery, abortableSleep, backoffDelay, type RetryingDeliveryOptions } from './retrying-delivery';

const webhook: WebhookTarget = { kind: 'webhook', url: 'https://hooks.example.test/services/T0/B0/secret' };
const email: EmailTarget = {
  kind: 'email',
  smarthost: 'mail.example.test:25',
  from: 'keel@example.test',
  to: ['oncall@example.test'],
  requireTls: true,
  subject: 's',
  text: 't',
};

const retryable = (error = 'HTTP 503'): AttemptResult => ({ ok: false, retryable: true, error, status: 503 });
const permanent = (error = 'HTTP 400'): AttemptResult => ({ ok: false, retryable: false, error, status: 400 });

/** A webhook sender answering from a script, recording each call. */
function scripted(...results: AttemptResult[]) {
  const calls: Array<{ body: unknown; options: AttemptOptions }> = [];
  const sender = async (_target: WebhookTarget, body: unknown, options: AttemptOptions): Promise<AttemptResult> => {
    calls.push({ body, options });
    const next = results.shift();
    if (!next) throw new Error('script exhausted');
    return next;
  };
  return { sender, calls };
}

/** A sleep that records the delays and returns at once. */
function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    delays.push(ms);
  };
  return { sleep, delays };
}

function delivery(overrides: Partial<RetryingDeliveryOptions>): RetryingDelivery {
  return new RetryingDelivery({
    maxAttempts: 5,
    initialBackoffMs: 100,
    maxBackoffMs: 1000,
    timeoutMs: 2000,
    random: () => 0.5,
    ...overrides,
  });
}

describe('backoffDelay', () => {
  const options = { initialBackoffMs: 100, maxBackoffMs: 1000 };

  it('doubles per retry and stays within the upper half of each step', () => {
    const steps = [100, 200, 400, 800];
    steps.forEach((step, i) => {
      expect(backoffDelay(i + 1, options, () => 0)).toBe(step / 2);
      expect(backoffDelay(i + 1, options, () => 0.999999)).toBeCloseTo(step, 2);
      const mid = backoffDelay(i + 1, options, () => 0.5);
      expect(mid).toBeGreaterThan(step / 2);
      expect(mid).toBeLessThan(step);
    });
  });

  it('caps the step at maxBackoffMs, even for huge retry numbers', () => {
    expect(backoffDelay(5, options, () => 0.999999)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(5, options, () => 0)).toBe(500);
    expect(backoffDelay(5000, options, () => 1)).toBe(1000);
  });

  it('spreads receivers that fail together', () => {
    const values = [0.1, 0.4, 0.7, 0.95].map((r) => backoffDelay(2, options, () => r));
    expect(new Set(values).size).toBe(values.length);
  });

  it('clamps a misbehaving random source into the step', () => {
    expect(backoffDelay(1, options, () => -3)).toBe(50);
    expect(backoffDelay(1, options, () => 7)).toBe(100);
  });
});

describe('RetryingDelivery', () => {
  it('retries retryable failures with growing backoff until the receiver accepts', async () => {
    const { sender, calls } = scripted(retryable(), retryable(), { ok: true, status: 200 });
    const { sleep, delays } = recordingSleep();
    const body = { alerts: [{ labels: { alertname: 'HighLatency' } }] };

    const result = await delivery({ sleep, senders: { webhook: sender } }).deliver(webhook, body);

    expect(result).toMatchObject({ ok: true, attempts: 3, status: 200 });
    expect(calls.map((c) => c.body)).toEqual([body, body, body]);
    // random 0.5: three quarters of the 100 ms and 200 ms steps
    expect(delays).toEqual([75, 150]);
  });

  it('stops at the first non-retryable failure without sleeping', async () => {
    const { sender, calls } = scripted(retryable(), permanent('POST https://hooks.example.test/<redacted>: HTTP 400'));
    const { sleep, delays } = recordingSleep();

    const result = await delivery({ sleep, senders: { webhook: sender } }).deliver(webhook, {});

    expect(result).toMatchObject({ ok: false, attempts: 2, retryable: false, status: 400 });
    expect(result.ok === false && result.error).toContain('HTTP 400');
    expect(calls).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('gives up after maxAttempts, still retryable, naming the last error', async () => {
    const { sender, calls } = scripted(retryable('first'), retryable('second'), retryable('third'));
    const { sleep, delays } = recordingSleep();

    const result = await delivery({ maxAttempts: 3, sleep, senders: { webhook: sender } }).deliver(webhook, {});

    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true, status: 503 });
    expect(result.ok === false && result.error).toBe('gave up after 3 attempts: third');
    expect(calls).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('makes exactly one attempt when maxAttempts is 1', async () => {
    const { sender } = scripted(retryable('only'));
    const { sleep, delays } = recordingSleep();

    const result = await delivery({ maxAttempts: 1, sleep, senders: { webhook: sender } }).deliver(webhook, {});

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: true, error: 'gave up after 1 attempt: only' });
    expect(delays).toEqual([]);
  });

  it('uses the injected random source for jitter', async () => {
    const randoms = [0, 0.999999, 0];
    const { sender } = scripted(retryable(), retryable(), retryable(), { ok: true });
    const { sleep, delays } = recordingSleep();

    await delivery({ sleep, random: () => randoms.shift() ?? 0, senders: { webhook: sender } }).deliver(webhook, {});

    expect(delays[0]).toBe(50);
    expect(delays[1]).toBeCloseTo(200, 2);
    expect(delays[2]).toBe(200);
  });

  it('passes each attempt the timeout and the caller signal', async () => {
    const { sender, calls } = scripted({ ok: true });
    const controller = new AbortController();

    await delivery({ timeoutMs: 1234, senders: { webhook: sender } }).deliver(webhook, {}, controller.signal);

    expect(calls[0].options.timeoutMs).toBe(1234);
    expect(calls[0].options.signal).toBe(controller.signal);
  });

  it("uses a webhook target's own timeout for each of its attempts, and the default where it sets none", async () => {
    const { sender, calls } = scripted(retryable(), { ok: true }, { ok: true });
    const shared = delivery({ timeoutMs: 1234, sleep: recordingSleep().sleep, senders: { webhook: sender } });

    await shared.deliver({ ...webhook, timeoutMs: 300 }, {});
    await shared.deliver({ ...webhook, timeoutMs: 0 }, {});

    expect(calls.map((c) => c.options.timeoutMs)).toEqual([300, 300, 1234]);
  });

  it('sends email targets to the email sender and webhooks to the webhook sender', async () => {
    const sentEmails: EmailTarget[] = [];
    const { sender, calls } = scripted({ ok: true, status: 204 });
    const d = delivery({
      senders: {
        webhook: sender,
        email: async (target) => {
          sentEmails.push(target);
          return { ok: true };
        },
      },
    });

    const mail = await d.deliver(email);
    const hook = await d.deliver(webhook, { text: 'hi' });

    expect(mail).toMatchObject({ ok: true, attempts: 1 });
    expect(sentEmails).toEqual([email]);
    expect(hook).toMatchObject({ ok: true, attempts: 1, status: 204 });
    expect(calls.map((c) => c.body)).toEqual([{ text: 'hi' }]);
  });

  it('stops waiting when the signal aborts during the backoff', async () => {
    const controller = new AbortController();
    const { sender, calls } = scripted(retryable('HTTP 503'), { ok: true });
    const sleep = async (): Promise<void> => {
      controller.abort();
    };

    const result = await delivery({ sleep, senders: { webhook: sender } }).deliver(webhook, {}, controller.signal);

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: true, aborted: true, status: 503 });
    expect(result.ok === false && result.error).toBe('aborted after 1 attempt: HTTP 503');
    expect(calls).toHaveLength(1);
  });

  it('does not attempt at all when the signal is already aborted', async () => {
    const { sender, calls } = scripted({ ok: true });

    const result = await delivery({ senders: { webhook: sender } }).deliver(webhook, {}, AbortSignal.abort());

    expect(result).toMatchObject({ ok: false, attempts: 0, aborted: true, error: 'aborted before the first attempt' });
    expect(calls).toHaveLength(0);
  });

  it('reports an abort during an attempt as aborted, not as the receiver failing', async () => {
    const controller = new AbortController();
    const sender = async (): Promise<AttemptResult> => {
      controller.abort();
      return { ok: false, retryable: true, error: 'POST https://hooks.example.test/<redacted>: aborted' };
    };
    const { sleep, delays } = recordingSleep();

    const result = await delivery({ sleep, senders: { webhook: sender } }).deliver(webhook, {}, controller.signal);

    expect(result).toMatchObject({ ok: false, attempts: 1, aborted: true });
    expect(delays).toEqual([]);
  });

  it('turns a throwing sender into a non-retryable failure instead of rejecting', async () => {
    const sender = async (): Promise<AttemptResult> => {
      throw new Error('boom');
    };

    const result = await delivery({ senders: { webhook: sender } }).deliver(webhook, {});

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false });
    expect(result.ok === false && result.error).toContain('boom');
  });

  it('lets one receiver finish while another one hangs', async () => {
    let markStarted: () => void = () => undefined;
    const hangingStarted = new Promise<void>((resolve) => (markStarted = resolve));
    let releaseHanging: (result: AttemptResult) => void = () => undefined;
    const sender = async (target: WebhookTarget): Promise<AttemptResult> => {
      if (target.url.includes('fast')) return { ok: true, status: 200 };
      markStarted();
      return new Promise<AttemptResult>((resolve) => (releaseHanging = resolve));
    };
    const d = delivery({ senders: { webhook: sender } });

    let hangingSettled = false;
    const hanging = d.deliver({ kind: 'webhook', url: 'https://hang.example.test/hook' }, {}).then((r) => {
      hangingSettled = true;
      return r;
    });
    await hangingStarted;
    const fast = await d.deliver({ kind: 'webhook', url: 'https://fast.example.test/hook' }, {});

    expect(fast).toMatchObject({ ok: true, attempts: 1, status: 200 });
    expect(hangingSettled).toBe(false);
    releaseHanging({ ok: true });
    await expect(hanging).resolves.toMatchObject({ ok: true, attempts: 1 });
  });

  it('refuses nonsensical options', () => {
    expect(() => delivery({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => delivery({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => delivery({ initialBackoffMs: 10, maxBackoffMs: 5 })).toThrow(RangeError);
    expect(() => delivery({ initialBackoffMs: -1 })).toThrow(RangeError);
    expect(() => delivery({ timeoutMs: 0 })).toThrow(RangeError);
  });
});

describe('abortableSleep', () => {
  it('returns as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const oneHour = abortableSleep(3_600_000, controller.signal);
    controller.abort();
    await expect(oneHour).resolves.toBeUndefined();
  });

  it('returns at once for an already aborted signal', async () => {
    await expect(abortableSleep(3_600_000, AbortSignal.abort())).resolves.toBeUndefined();
  });

  it('waits when nothing aborts', async () => {
    let done = false;
    const sleeping = abortableSleep(1).then(() => (done = true));
    expect(done).toBe(false);
    await sleeping;
    expect(done).toBe(true);
  });
});
