/**
 * A calendar day `YYYY-MM-DD`, read in UTC. Used for things people plan by the day (an action item's due date,
 * a retrospective's follow-up): it maps to a PostgreSQL `date` and a GraphQL string without a time zone guess.
 */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Midnight UTC of the day, or null when the text is not a real calendar day (2026-02-30 is not). */
export function parseCalendarDate(text: string): Date | null {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== null;
}

/** The UTC calendar day an instant falls on. */
export function toCalendarDate(instant: Date): CalendarDate {
  return instant.toISOString().slice(0, 10);
}

/** The day `days` after (or before, when negative) a calendar day. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const start = parseCalendarDate(date);
  if (start === null) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return toCalendarDate(new Date(start.getTime() + days * DAY_MS));
}

/** The first instant after the day has ended in UTC (the next day's midnight). */
export function endOfCalendarDate(date: CalendarDate): Date {
  const start = parseCalendarDate(date);
  if (start === null) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return new Date(start.getTime() + DAY_MS);
}
