/** A sample handed to the publisher violates `keel.metrics.v1`; none of the call's samples was taken. */
export class InvalidSampleError extends Error {
  override readonly name = 'InvalidSampleError';

  constructor(
    /** Position of the first bad sample in the samples given to publish(). */
    readonly index: number,
    readonly reason: string,
  ) {
    super(`sample [${index}]: ${reason}`);
  }
}

/** Sending keeps failing and the buffer reached its bound: the caller must slow down or drop. */
export class MetricsBufferFullError extends Error {
  override readonly name = 'MetricsBufferFullError';

  constructor(buffered: number, incoming: number, max: number) {
    super(`metrics buffer full: ${buffered} samples waiting, ${incoming} more would pass the bound of ${max}`);
  }
}
