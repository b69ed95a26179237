import { kahanSumInc, MeanAccumulator } from './kahan';
import { quantile } from './quantile';
import { PromQLError, type Sample } from './types';

/** What a function over a range vector needs besides the samples. */
export interface RangeWindow {
  /** Start and end of the selected window, after @ and offset (ms). */
  rangeStartMs: number;
  rangeEndMs: number;
  rangeMs: number;
  /** The evaluation timestamp (ms). */
  evalMs: number;
  /** Scalar arguments in call order, excluding the range vector. */
  params: number[];
}

export type RangeFunction = (samples: Sample[], w: RangeWindow) => number | undefined;

function extrapolatedRate(samples: Sample[], w: RangeWindow, isCounter: boolean, isRate: boolean): number | undefined {
  if (samples.length < 2) {
    return undefined;
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  let result = last.v - first.v;
  if (isCounter) {
    let prev = first.v;
    for (let i = 1; i < samples.length; i++) {
      const cur = samples[i].v;
      if (cur < prev) {
        result += prev;
      }
      prev = cur;
    }
  }
  let durationToStart = (first.t - w.rangeStartMs) / 1000;
  let durationToEnd = (w.rangeEndMs - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageBetween = sampledInterval / (samples.length - 1);
  // Extrapolate to the window's edge only when a sample there is about as far as the usual spacing;
  // otherwise assume the series starts/ends inside the window and extrapolate by half an interval.
  const threshold = averageBetween * 1.1;
  if (durationToStart >= threshold) {
    durationToStart = averageBetween / 2;
  }
  if (isCounter && result > 0 && first.v >= 0) {
    // A counter cannot go below zero: do not extrapolate past the point where it would have been 0.
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) {
      durationToStart = durationToZero;
    }
  }
  if (durationToEnd >= threshold) {
    durationToEnd = averageBetween / 2;
  }
  let factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) {
    factor /= w.rangeMs / 1000;
  }
  return result * factor;
}

function instantValue(samples: Sample[], isRate: boolean): number | undefined {
  if (samples.length < 2) {
    return undefined;
  }
  const prev = samples[samples.length - 2];
  const last = samples[samples.length - 1];
  const interval = last.t - prev.t;
  if (interval === 0) {
    return undefined;
  }
  let result = last.v;
  if (!isRate || !(last.v < prev.v)) {
    result = last.v - prev.v;
  }
  return isRate ? result / (interval / 1000) : result;
}

export function linearRegression(samples: Sample[], interceptTimeMs: number): [number, number] {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = samples[0].v;
  let constY = true;
  samples.forEach((s, i) => {
    if (constY && i > 0 && s.v !== initY) {
      constY = false;
    }
    n += 1;
    const x = (s.t - interceptTimeMs) / 1000;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(s.v, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * s.v, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  });
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) {
      return [NaN, NaN];
    }
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

function variance(samples: Sample[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const s of samples) {
    count++;
    const delta = s.v - (mean + cMean);
    [mean, cMean] = kahanSumInc(delta / count, mean, cMean);
    [aux, cAux] = kahanSumInc(delta * (s.v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function extreme(samples: Sample[], better: (cur: number, best: number) => boolean): Sample {
  let best = samples[0];
  for (const s of samples.slice(1)) {
    if (better(s.v, best.v) || Number.isNaN(best.v)) {
      best = s;
    }
  }
  return best;
}

function doubleExponentialSmoothing(samples: Sample[], sf: number, tf: number): number | undefined {
  if (!(sf > 0 && sf < 1)) {
    throw new PromQLError('execution', `invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  }
  if (!(tf > 0 && tf < 1)) {
    throw new PromQLError('execution', `invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  }
  if (samples.length < 2) {
    return undefined;
  }
  let s0 = 0;
  let s1 = samples[0].v;
  let b = samples[1].v - samples[0].v;
  for (let i = 1; i < samples.length; i++) {
    const x = sf * samples[i].v;
    if (i > 1) {
      b = tf * (s1 - s0) + (1 - tf) * b;
    }
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunction>> = {
  rate: (s, w) => extrapolatedRate(s, w, true, true),
  increase: (s, w) => extrapolatedRate(s, w, true, false),
  delta: (s, w) => extrapolatedRate(s, w, false, false),
  irate: (s) => instantValue(s, true),
  idelta: (s) => instantValue(s, false),
  deriv: (s) => (s.length < 2 ? undefined : linearRegression(s, s[0].t)[0]),
  predict_linear: (s, w) => {
    if (s.length < 2) {
      return undefined;
    }
    const [slope, intercept] = linearRegression(s, w.evalMs);
    return slope * w.params[0] + intercept;
  },
  resets: (s) => s.slice(1).filter((p, i) => p.v < s[i].v).length,
  changes: (s) => s.slice(1).filter((p, i) => !(p.v === s[i].v || (Number.isNaN(p.v) && Number.isNaN(s[i].v)))).length,
  avg_over_time: (s) => {
    const mean = new MeanAccumulator();
    s.forEach((p) => mean.add(p.v));
    return mean.value();
  },
  sum_over_time: (s) => {
    let sum = 0;
    let c = 0;
    for (const p of s) {
      [sum, c] = kahanSumInc(p.v, sum, c);
    }
    return Number.isFinite(sum) ? sum + c : sum;
  },
  count_over_time: (s) => s.length,
  min_over_time: (s) => extreme(s, (cur, best) => cur < best).v,
  max_over_time: (s) => extreme(s, (cur, best) => cur > best).v,
  last_over_time: (s) => s[s.length - 1].v,
  first_over_time: (s) => s[0].v,
  present_over_time: () => 1,
  stdvar_over_time: (s) => variance(s),
  stddev_over_time: (s) => Math.sqrt(variance(s)),
  quantile_over_time: (s, w) =>
    quantile(
      w.params[0],
      s.map((p) => p.v),
    ),
  mad_over_time: (s) => {
    const values = s.map((p) => p.v);
    if (values.some((v) => Number.isNaN(v))) {
      return NaN;
    }
    const median = quantile(0.5, values);
    return quantile(
      0.5,
      values.map((v) => Math.abs(v - median)),
    );
  },
  ts_of_min_over_time: (s) => extreme(s, (cur, best) => cur <= best).t / 1000,
  ts_of_max_over_time: (s) => extreme(s, (cur, best) => cur >= best).t / 1000,
  ts_of_last_over_time: (s) => s[s.length - 1].t / 1000,
  ts_of_first_over_time: (s) => s[0].t / 1000,
  double_exponential_smoothing: (s, w) => doubleExponentialSmoothing(s, w.params[0], w.params[1]),
};

/** Range functions whose result keeps the metric name. */
export const KEEPS_NAME: ReadonlySet<string> = new Set(['last_over_time', 'first_over_time']);
