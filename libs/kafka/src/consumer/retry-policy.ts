export interface RetryPolicy {
  /** Retries after the first attempt before the partition is paused. */
  maxRetries: number;
  /** Delay before the first retry; doubles on each further retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a partition stays paused after its retries ran out; then the same message is tried again. */
  pauseMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 5000, pauseMs: 5000 };

export function resolveRetryPolicy(options: {
  maxRetries?: number;
  retryBackoffMs?: number;
  pauseOnFailureMs?: number;
}): RetryPolicy {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    baseDelayMs: options.retryBackoffMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: Math.max(DEFAULT_RETRY_POLICY.maxDelayMs, options.retryBackoffMs ?? 0),
    pauseMs: options.pauseOnFailureMs ?? DEFAULT_RETRY_POLICY.pauseMs,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`consumer retry option ${name} must be a non-negative integer, got ${value}`);
    }
  }
  return policy;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential, capped, with up to 20% jitter
 * subtracted so that many consumers failing on the same outage do not retry in lockstep.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, retry - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  return Math.round(capped * (1 - 0.2 * random()));
}
