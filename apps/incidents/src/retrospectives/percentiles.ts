/**
 * The p-th percentile by the nearest-rank method: sort ascending, take the value at rank ⌈p/100 × n⌉ (1-based).
 * It is always one of the observed values (no interpolation), so "p90 time to resolve: 2 h" means one incident
 * really took 2 h and at least 90% took no longer. The median is p50 by the same rule: for an even count, the lower
 * of the two middle values. Incident durations are long-tailed, which is why the report shows these and not means.
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new RangeError('no values to take a percentile of');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[rank - 1];
}

export interface DurationStats {
  /** How many incidents had the duration (those missing a milestone are left out). */
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, medianMs: null, p90Ms: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: nearestRank(sorted, 50), p90Ms: nearestRank(sorted, 90) };
}
