import { durationStats, nearestRank } from './percentiles';

describe('nearestRank', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it.each([
    [50, 5],
    [90, 9],
    [91, 10],
    [10, 1],
    [100, 10],
    [0.1, 1],
  ])('p%d of 1..10 is %d', (p, value) => {
    expect(nearestRank(ten, p)).toBe(value);
  });

  it('takes the lower middle value as the median of an even count and never interpolates', () => {
    expect(nearestRank([10, 20, 30, 40], 50)).toBe(20);
    expect(nearestRank([10, 1000], 90)).toBe(1000);
    expect(nearestRank([7], 90)).toBe(7);
  });

  it('refuses nothing to rank and percentiles out of range', () => {
    expect(() => nearestRank([], 50)).toThrow('no values to take a percentile of');
    expect(() => nearestRank(ten, 0)).toThrow('percentile must be in (0, 100], got 0');
    expect(() => nearestRank(ten, 101)).toThrow('percentile must be in (0, 100], got 101');
  });
});

describe('durationStats', () => {
  it('sorts before ranking and does not touch the input', () => {
    const values = [240, 30, 60, 5, 1000];
    expect(durationStats(values)).toEqual({ count: 5, medianMs: 60, p90Ms: 1000 });
    expect(values).toEqual([240, 30, 60, 5, 1000]);
  });

  it('is empty without values', () => {
    expect(durationStats([])).toEqual({ count: 0, medianMs: null, p90Ms: null });
  });
});
