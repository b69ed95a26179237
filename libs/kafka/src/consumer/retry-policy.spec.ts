import { DEFAULT_RETRY_POLICY, resolveRetryPolicy, retryDelayMs } from './retry-policy';

describe('resolveRetryPolicy', () => {
  it('uses the defaults when nothing is given', () => {
    expect(resolveRetryPolicy({})).toEqual(DEFAULT_RETRY_POLICY);
  });

  it('takes the consumer options', () => {
    expect(resolveRetryPolicy({ maxRetries: 0, retryBackoffMs: 50, pauseOnFailureMs: 800 })).toEqual({
      maxRetries: 0,
      baseDelayMs: 50,
      maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
      pauseMs: 800,
    });
  });

  it('raises the cap when the first delay is already above it', () => {
    expect(resolveRetryPolicy({ retryBackoffMs: 20000 }).maxDelayMs).toBe(20000);
  });

  it.each([{ maxRetries: -1 }, { retryBackoffMs: 1.5 }, { pauseOnFailureMs: Number.NaN }])(
    'refuses %j, naming the option',
    (options) => {
      expect(() => resolveRetryPolicy(options)).toThrow(/must be a non-negative integer/);
    },
  );
});

describe('retryDelayMs', () => {
  const policy = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000, pauseMs: 0 };
  const noJitter = () => 0;

  it('doubles the delay on each retry', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(policy, retry, noJitter))).toEqual([100, 200, 400, 800]);
  });

  it('never goes above the cap', () => {
    expect(retryDelayMs(policy, 5, noJitter)).toBe(1000);
    expect(retryDelayMs(policy, 60, noJitter)).toBe(1000);
  });

  it('subtracts at most 20% jitter', () => {
    expect(retryDelayMs(policy, 3, () => 1)).toBe(320);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(360);
  });
});
