import {
  DAY_MS,
  dayStartMs,
  daysBetween,
  daysToPrepare,
  parsePartitionName,
  partitionName,
  partitionsOlderThan,
} from './partition-range';

const may3 = Date.UTC(2025, 4, 3);

describe('daily partitions', () => {
  it('name a day in UTC and parse the name back', () => {
    expect(partitionName(may3)).toBe('samples_p20250503');
    expect(parsePartitionName('samples_p20250503')).toBe(may3);
  });

  it('refuse names that are not a real day or not ours', () => {
    expect(parsePartitionName('samples_p20250231')).toBeUndefined();
    expect(parsePartitionName('samples')).toBeUndefined();
    expect(parsePartitionName('samples_p2025050')).toBeUndefined();
    expect(parsePartitionName('other_p20250503')).toBeUndefined();
  });

  it('put the last millisecond of a day in that day, and midnight in the next', () => {
    expect(dayStartMs(may3 + DAY_MS - 1)).toBe(may3);
    expect(dayStartMs(may3 + DAY_MS)).toBe(may3 + DAY_MS);
    expect(dayStartMs(-1)).toBe(-DAY_MS);
  });

  it('list the days of a range, both ends included', () => {
    expect(daysBetween(may3 + 5, may3 + 2 * DAY_MS)).toEqual([may3, may3 + DAY_MS, may3 + 2 * DAY_MS]);
    expect(daysBetween(may3 + 5, may3 + 6)).toEqual([may3]);
  });

  it('prepare the days a late sample may fall in up to the days ahead', () => {
    const now = may3 + 30 * 60_000; // 00:30, so a one-hour late window reaches into May 2
    expect(daysToPrepare(now, 3_600_000, 2).map(partitionName)).toEqual([
      'samples_p20250502',
      'samples_p20250503',
      'samples_p20250504',
      'samples_p20250505',
    ]);
  });

  it('drop only whole days older than the retention', () => {
    const names = ['samples_p20250501', 'samples_p20250502', 'samples_p20250503', 'samples_default', 'other'];
    const now = may3 + 12 * 3_600_000; // May 3, noon
    // retention 1 day: the cutoff is May 2 noon; only May 1 (ending May 2 00:00) is wholly older
    expect(partitionsOlderThan(names, now, 1)).toEqual(['samples_p20250501']);
    expect(partitionsOlderThan(names, now + 12 * 3_600_000, 1)).toEqual(['samples_p20250501', 'samples_p20250502']);
  });
});
