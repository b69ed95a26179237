import type { Labels, Sample } from './types';

/** One element of an instant vector during evaluation; `ts` is the sample's own timestamp when it came
 * straight from a selector (timestamp() reports it). */
export interface InstantSample {
  labels: Labels;
  v: number;
  ts?: number;
}

export interface RangeSeries {
  labels: Labels;
  samples: Sample[];
}

export type Value =
  | { type: 'scalar'; v: number }
  | { type: 'string'; v: string }
  | { type: 'vector'; samples: InstantSample[] }
  | { type: 'matrix'; series: RangeSeries[] };

export function vector(samples: InstantSample[]): Value {
  return { type: 'vector', samples };
}
