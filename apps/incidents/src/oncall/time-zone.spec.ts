import { instantToMs, requireInstant, OncallValidationError } from './oncall-validation';
import { HOUR_MS, fromLocal, isIanaTimeZone, isoWeekdayOf, offsetAt, parseClock, toLocal } from './time-zone';

const utc = (iso: string): number => Date.parse(iso);
/** A wall-clock time written as an ISO string without offset, as a local value. */
const wall = (text: string): number => Date.parse(`${text}Z`);

describe('isIanaTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'UTC', 'US/Eastern', 'Asia/Kolkata'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Base', '', 'Berlin', '+01:00', '-05:00', 'UTC+1'])('refuses %j', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

describe('offsetAt and toLocal', () => {
  it.each([
    ['Europe/Berlin', '2024-01-15T12:00:00Z', 1],
    ['Europe/Berlin', '2024-07-15T12:00:00Z', 2],
    ['America/New_York', '2024-01-15T12:00:00Z', -5],
    ['America/New_York', '2024-07-15T12:00:00Z', -4],
    ['Asia/Kolkata', '2024-07-15T12:00:00Z', 5.5],
  ])('%s at %s is UTC%+d', (zone, iso, hours) => {
    expect(offsetAt(zone, utc(iso))).toBe(hours * HOUR_MS);
  });

  it('keeps milliseconds when reading the wall clock', () => {
    expect(toLocal('Europe/Berlin', utc('2024-03-31T00:59:59.999Z'))).toBe(wall('2024-03-31T01:59:59.999'));
    expect(toLocal('Europe/Berlin', utc('2024-03-31T01:00:00.000Z'))).toBe(wall('2024-03-31T03:00:00.000'));
  });
});

describe('fromLocal', () => {
  it('maps an ordinary wall-clock time to its one instant', () => {
    expect(fromLocal('Europe/Berlin', wall('2024-03-30T09:00:00'))).toBe(utc('2024-03-30T08:00:00Z'));
    expect(fromLocal('Europe/Berlin', wall('2024-04-01T09:00:00'))).toBe(utc('2024-04-01T07:00:00Z'));
    expect(fromLocal('America/New_York', wall('2024-03-09T09:00:00'))).toBe(utc('2024-03-09T14:00:00Z'));
    expect(fromLocal('America/New_York', wall('2024-03-11T09:00:00'))).toBe(utc('2024-03-11T13:00:00Z'));
  });

  it('moves a wall time skipped by spring-forward ahead by the gap', () => {
    // Berlin: 02:00 CET jumps to 03:00 CEST on 2024-03-31; New York: 02:00 EST to 03:00 EDT on 2024-03-10.
    expect(fromLocal('Europe/Berlin', wall('2024-03-31T02:30:00'))).toBe(utc('2024-03-31T01:30:00Z'));
    expect(fromLocal('America/New_York', wall('2024-03-10T02:30:00'))).toBe(utc('2024-03-10T07:30:00Z'));
  });

  it('takes the earlier instant for a wall time repeated by fall-back', () => {
    // Berlin: 03:00 CEST falls back to 02:00 CET on 2024-10-27; New York: 02:00 EDT to 01:00 EST on 2024-11-03.
    expect(fromLocal('Europe/Berlin', wall('2024-10-27T02:30:00'))).toBe(utc('2024-10-27T00:30:00Z'));
    expect(fromLocal('America/New_York', wall('2024-11-03T01:30:00'))).toBe(utc('2024-11-03T05:30:00Z'));
  });

  it('round-trips every quarter hour around both Berlin transitions', () => {
    for (const start of ['2024-03-30T20:00:00Z', '2024-10-26T20:00:00Z']) {
      for (let t = utc(start); t < utc(start) + 12 * HOUR_MS; t += HOUR_MS / 4) {
        const local = toLocal('Europe/Berlin', t);
        const back = fromLocal('Europe/Berlin', local);
        // In the repeated hour the earlier instant wins; everywhere else the instant comes back unchanged.
        expect(toLocal('Europe/Berlin', back)).toBe(local);
        expect(back === t || back === t - HOUR_MS).toBe(true);
      }
    }
  });
});

describe('parseClock and isoWeekdayOf', () => {
  it.each([
    ['00:00', 0],
    ['09:05', 545],
    ['23:59', 1439],
  ])('reads %s as %d minutes', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });

  it.each(['9:00', '24:00', '12:60', '12:00:00', ' 09:00', '', 900])('refuses %j', (text) => {
    expect(parseClock(text)).toBeUndefined();
  });

  it('numbers weekdays from Monday', () => {
    expect(isoWeekdayOf(wall('2024-03-04T00:00:00'))).toBe(0); // a Monday
    expect(isoWeekdayOf(wall('2024-03-10T23:59:00'))).toBe(6); // a Sunday
  });
});

describe('instants', () => {
  it.each([
    ['2024-03-01T09:00:00Z', '2024-03-01T09:00:00.000Z'],
    ['2024-03-01T09:00Z', '2024-03-01T09:00:00.000Z'],
    ['2024-03-01T10:00:00+01:00', '2024-03-01T09:00:00.000Z'],
    ['2024-03-01T04:00:00.5-05:00', '2024-03-01T09:00:00.500Z'],
    ['2024-02-29T09:00:00.123456Z', '2024-02-29T09:00:00.123Z'],
  ])('reads %s', (text, iso) => {
    expect(instantToMs(text)).toBe(Date.parse(iso));
  });

  it.each([
    '2024-03-01T09:00:00', // no offset: would be read in the server's zone
    '2024-02-30T09:00:00Z',
    '2023-02-29T09:00:00Z',
    '2024-13-01T09:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01 09:00:00Z',
    '2024-03-01T09:00:00+0100',
    'March 1, 2024',
    '1969-12-31T23:59:59Z',
  ])('refuses %j', (text) => {
    expect(instantToMs(text)).toBeUndefined();
  });

  it('takes whole epoch milliseconds', () => {
    expect(instantToMs(1_709_283_600_000)).toBe(1_709_283_600_000);
    expect(instantToMs(1.5)).toBeUndefined();
    expect(instantToMs(Number.NaN)).toBeUndefined();
    expect(instantToMs(-1)).toBeUndefined();
  });

  it('names the argument it refuses', () => {
    expect(() => requireInstant('yesterday', 'from')).toThrow(OncallValidationError);
    expect(() => requireInstant('yesterday', 'from')).toThrow(/^from must be an ISO 8601 instant .* got "yesterday"$/);
  });
});
