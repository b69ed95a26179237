import { latencySummary, percentile } from './bench-stats';

describe('percentile (nearest rank)', () => {
  it('takes the smallest value with at least p of the values at or below it', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.9)).toBe(9);
    expect(percentile(values, 0.99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
  });

  it('does not reorder the caller’s values and is NaN for none', () => {
    const values = [3, 1, 2];
    expect(percentile(values, 1)).toBe(3);
    expect(values).toEqual([3, 1, 2]);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('summarizes p50, p99, max and count', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(latencySummary(values)).toEqual({ p50: 100, p99: 198, max: 200, count: 200 });
  });
});
