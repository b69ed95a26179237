export interface EventuallyOptions {
  /** How long to keep probing, in ms; the probe always runs at least once. Default 30 000. */
  timeoutMs?: number;
  /** The pause between two probes, in ms. Default 50. */
  intervalMs?: number;
  /** What is waited for, for the error message. Default `condition`. */
  what?: string;
}

/**
 * Runs `probe` until it returns (or resolves with) something other than undefined, and resolves with that; throws
 * `timed out after <timeoutMs> ms waiting for <what>` once the deadline has passed. An error of the probe is not
 * retried: it rejects the wait.
 */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 50, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** {@link eventually} for a yes/no condition: resolves once `condition` holds. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  options: EventuallyOptions = {},
): Promise<void> {
  await eventually(async () => ((await condition()) ? true : undefined), options);
}
