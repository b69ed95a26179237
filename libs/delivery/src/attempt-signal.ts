import type { AttemptOptions } from './delivery.types';

/** The signal of one attempt: the caller's signal combined with the attempt's own timeout, told apart afterwards. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** The attempt ran out of time (and the caller did not abort). */
  timedOut(): boolean;
  /** The caller aborted (e.g. shutdown). */
  callerAborted(): boolean;
}

export function attemptSignal(options: AttemptOptions): AttemptSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const caller = options.signal;
  return {
    signal: caller ? AbortSignal.any([caller, timeout]) : timeout,
    timedOut: () => timeout.aborted && !caller?.aborted,
    callerAborted: () => caller?.aborted === true,
  };
}

/** An error's message. Duck-typed, not `instanceof Error`: errors from another realm (fetch under Jest) fail that. */
export function errorMessage(err: unknown): string {
  if (isErrorLike(err)) return err.message;
  return String(err);
}

export function isErrorLike(value: unknown): value is { message: string; code?: unknown; cause?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
