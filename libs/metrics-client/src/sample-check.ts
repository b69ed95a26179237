import { parseContract, Sample, toWireSample, utf8Length, type SampleInput } from '@keel/contracts';
import { InvalidSampleError } from './metrics-client.errors';

export interface CheckedSample {
  sample: SampleInput;
  /** Serialized UTF-8 size, for the buffer's flush threshold. */
  bytes: number;
}

/** Validates each sample against the contract (all or nothing) and returns its wire form. */
export function checkSamples(samples: readonly SampleInput[]): CheckedSample[] {
  return samples.map((input, index) => {
    const sample = toWireSample(input);
    const parsed = parseContract({ schema: Sample }, sample);
    if (!parsed.ok) {
      throw new InvalidSampleError(index, parsed.reason);
    }
    return { sample, bytes: utf8Length(JSON.stringify(sample)) };
  });
}
