import { formatGoTime, GO_ZERO_TIME_MS, parseRFC3339 } from './go-time';

describe('formatGoTime (time.Time JSON)', () => {
  it.each([
    [Date.UTC(2026, 10, 26, 15, 2, 0), '2026-11-26T15:02:00Z'],
    [Date.UTC(2026, 10, 26, 15, 2, 0, 123), '2026-11-26T15:02:00.123Z'],
    [Date.UTC(2026, 10, 26, 15, 2, 0, 120), '2026-11-26T15:02:00.12Z'],
    [Date.UTC(2026, 10, 26, 15, 2, 0, 100), '2026-11-26T15:02:00.1Z'],
    [null, '0001-01-01T00:00:00Z'],
  ])('formats %p as %s', (ms, text) => {
    expect(formatGoTime(ms)).toBe(text);
  });
});

describe('parseRFC3339', () => {
  it('reads UTC, offsets and fractions (cut to milliseconds)', () => {
    expect(parseRFC3339('2026-11-26T15:02:00Z')).toBe(Date.UTC(2026, 10, 26, 15, 2, 0));
    expect(parseRFC3339('2026-11-26T16:02:00.123456789+01:00')).toBe(Date.UTC(2026, 10, 26, 15, 2, 0, 123));
    expect(parseRFC3339('2026-11-26T10:02:00.5-05:00')).toBe(Date.UTC(2026, 10, 26, 15, 2, 0, 500));
    expect(parseRFC3339('2024-02-29T00:00:00z')).toBe(Date.UTC(2024, 1, 29));
  });

  it("returns null for Go's zero time", () => {
    expect(parseRFC3339('0001-01-01T00:00:00Z')).toBeNull();
    expect(formatGoTime(GO_ZERO_TIME_MS)).toBe('0001-01-01T00:00:00Z');
  });

  it.each([
    '2026-11-26',
    '2026-11-26T15:02:00',
    '2026-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-11-26T24:00:00Z',
    'now',
  ])('rejects %j', (text) => {
    expect(parseRFC3339(text)).toBeUndefined();
  });

  it('round-trips through formatGoTime', () => {
    const ms = Date.UTC(1999, 11, 31, 23, 59, 59, 7);
    expect(parseRFC3339(formatGoTime(ms))).toBe(ms);
  });
});
