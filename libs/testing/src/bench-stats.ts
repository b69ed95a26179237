/** Nearest-rank percentile (`p` in 0..1) of unsorted values; NaN for none. What every benchmark prints. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export function latencySummary(values: readonly number[]): LatencySummary {
  return {
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    count: values.length,
  };
}
