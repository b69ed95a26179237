import { addDays, endOfCalendarDate, isCalendarDate, parseCalendarDate, toCalendarDate } from './calendar-date';

describe('calendar dates', () => {
  it('parses a real day as midnight UTC', () => {
    expect(parseCalendarDate('2026-07-31')?.toISOString()).toBe('2026-07-31T00:00:00.000Z');
    expect(parseCalendarDate('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-7-1', '2026-07-01T00:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(parseCalendarDate(text)).toBeNull();
      expect(isCalendarDate(text)).toBe(false);
    },
  );

  it('reads the UTC day of an instant, not the local one', () => {
    expect(toCalendarDate(new Date('2026-07-31T23:59:59.999Z'))).toBe('2026-07-31');
    expect(toCalendarDate(new Date('2026-08-01T00:30:00+02:00'))).toBe('2026-07-31');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('2026-02-30', 1)).toThrow('"2026-02-30" is not a calendar date (YYYY-MM-DD)');
  });

  it('ends a day at the next midnight UTC', () => {
    expect(endOfCalendarDate('2026-07-31').toISOString()).toBe('2026-08-01T00:00:00.000Z');
  });
});
