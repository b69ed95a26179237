import { caught } from '../postmortems/testing/post-mortem.factory';
import { parsePeriod, periodContains, previousPeriod } from './period';
import { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';

const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe('parsePeriod', () => {
  it.each([
    ['2026', 'year', '2026', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-Q1', 'quarter', '2026-Q1', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-Q3', 'quarter', '2026-Q3', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    [' 2026-q4 ', 'quarter', '2026-Q4', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-11', 'month', '2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12', 'month', '2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02', 'month', '2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
    // A calendar day as the end includes the whole day.
    ['2026-07-01/2026-09-30', 'range', '2026-07-01/2026-09-30', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    [
      '2026-07-01T08:00:00+02:00/2026-07-02T06:00Z',
      'range',
      '2026-07-01T08:00:00+02:00/2026-07-02T06:00Z',
      '2026-07-01T06:00:00.000Z',
      '2026-07-02T06:00:00.000Z',
    ],
  ])('reads %j', (text, kind, label, from, to) => {
    const period = parsePeriod(text);
    expect(period).toMatchObject({ kind, label });
    expect(iso(period)).toEqual([from, to]);
  });

  it('reads explicit from and to, as dates or text', () => {
    const period = parsePeriod({ from: new Date('2026-07-01T00:00:00Z'), to: new Date('2026-07-08T00:00:00Z') });
    expect(period).toMatchObject({ kind: 'range', label: '2026-07-01T00:00:00.000Z/2026-07-08T00:00:00.000Z' });
    expect(iso(period)).toEqual(['2026-07-01T00:00:00.000Z', '2026-07-08T00:00:00.000Z']);
    expect(iso(parsePeriod({ from: '2026-07-01', to: '2026-07-07' }))).toEqual([
      '2026-07-01T00:00:00.000Z',
      '2026-07-08T00:00:00.000Z',
    ]);
  });

  it.each([
    ['', 'period is empty; use a year (2026), quarter (2026-Q3), month (2026-11) or range (2026-07-01/2026-09-30)'],
    [
      'last quarter',
      'period "last quarter" is not a year (2026), quarter (2026-Q3), month (2026-11) or range (2026-07-01/2026-09-30)',
    ],
    ['2026-Q5', 'period "2026-Q5": quarter must be Q1 to Q4, got Q5'],
    ['2026-Q0', 'period "2026-Q0": quarter must be Q1 to Q4, got Q0'],
    ['2026-13', 'period "2026-13": month must be 01 to 12, got 13'],
    ['2026-00', 'period "2026-00": month must be 01 to 12, got 00'],
    ['2026-02-30/2026-03-31', 'period "2026-02-30/2026-03-31": start "2026-02-30" is not a real date'],
    ['2026-01-01/2026-02-29', 'period "2026-01-01/2026-02-29": end "2026-02-29" is not a real date'],
    [
      '2026-07-01/2026-06-30',
      'period "2026-07-01/2026-06-30": start 2026-07-01T00:00:00.000Z is not before end 2026-07-01T00:00:00.000Z',
    ],
    ['2026-07-01/', 'period "2026-07-01/": a range is start/end with exactly one "/"'],
    [
      '2026-07-01/2026-07-02/2026-07-03',
      'period "2026-07-01/2026-07-02/2026-07-03": a range is start/end with exactly one "/"',
    ],
    [
      '2026-07-01T10:00/2026-07-02',
      'period "2026-07-01T10:00/2026-07-02": start "2026-07-01T10:00" needs a time zone (Z or ±hh:mm)',
    ],
    [
      '2026-07-01T25:00Z/2026-07-02',
      'period "2026-07-01T25:00Z/2026-07-02": start "2026-07-01T25:00Z" is not a valid time',
    ],
    [
      '2026-07-01/July',
      'period "2026-07-01/July": end "July" is not a date (2026-07-01) or an instant (2026-07-01T00:00:00Z)',
    ],
  ])('refuses %j', (text, message) => {
    const error = caught(() => parsePeriod(text));
    expect(error).toBeInstanceOf(RetrospectiveException);
    expect(error).toMatchObject({ code: RetrospectiveErrorCode.INVALID_PERIOD, category: 'BAD_USER_INPUT', message });
  });

  it('refuses an invalid Date and an empty explicit range', () => {
    expect(() => parsePeriod({ from: new Date('nope'), to: new Date('2026-07-01T00:00:00Z') })).toThrow(
      'period "Invalid Date/2026-07-01T00:00:00.000Z": start is not a valid date',
    );
    const same = new Date('2026-07-01T00:00:00Z');
    expect(() => parsePeriod({ from: same, to: same })).toThrow(/start 2026-07-01T00:00:00.000Z is not before end/);
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2026', '2025'],
    ['2026-Q3', '2026-Q2'],
    ['2026-Q1', '2025-Q4'],
    ['2026-11', '2026-10'],
    ['2026-01', '2025-12'],
  ])('of %s is %s', (text, previous) => {
    expect(previousPeriod(parsePeriod(text))).toEqual(parsePeriod(previous));
  });

  it('of a range is the same length just before it', () => {
    const previous = previousPeriod(parsePeriod('2026-07-08/2026-07-14'));
    expect(previous.kind).toBe('range');
    expect(iso(previous)).toEqual(['2026-07-01T00:00:00.000Z', '2026-07-08T00:00:00.000Z']);
  });
});

describe('periodContains', () => {
  it('includes the start and excludes the end', () => {
    const q3 = parsePeriod('2026-Q3');
    expect(periodContains(q3, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(periodContains(q3, new Date('2026-09-30T23:59:59.999Z'))).toBe(true);
    expect(periodContains(q3, new Date('2026-10-01T00:00:00Z'))).toBe(false);
    expect(periodContains(q3, new Date('2026-06-30T23:59:59.999Z'))).toBe(false);
  });
});
