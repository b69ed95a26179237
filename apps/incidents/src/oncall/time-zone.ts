// Wall-clock arithmetic in IANA time zones with nothing but the built-in Intl API.
//
// A "local" value is a wall-clock date-time encoded as if it were UTC milliseconds (Date.UTC of the wall
// fields). Arithmetic on local values is pure calendar arithmetic with no DST in it, so "tomorrow at 09:00" is
// `local + DAY_MS`; `fromLocal` turns such a wall-clock time back into a real instant in a given zone.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    // Throws RangeError for an unknown zone; only valid zones are cached.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * True for a time zone name the runtime's IANA database knows (`Europe/Berlin`, `UTC`, also legacy aliases such
 * as `US/Eastern`). Fixed offsets (`+01:00`), which Intl accepts as well, are refused: they carry no DST rules.
 */
export function isIanaTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || !/^[A-Za-z]/.test(timeZone)) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at the instant `epochMs`, as a local value. */
export function toLocal(timeZone: string, epochMs: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    const value = Number(part.value);
    switch (part.type) {
      case 'year':
        year = value;
        break;
      case 'month':
        month = value;
        break;
      case 'day':
        day = value;
        break;
      case 'hour':
        hour = value === 24 ? 0 : value;
        break;
      case 'minute':
        minute = value;
        break;
      case 'second':
        second = value;
        break;
      default:
        break;
    }
  }
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (epochMs - wholeSecond);
}

/** The zone's UTC offset in milliseconds at `epochMs` (e.g. 3_600_000 for CET). */
export function offsetAt(timeZone: string, epochMs: number): number {
  return toLocal(timeZone, epochMs) - epochMs;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. Resolves the two DST ambiguities the way
 * Temporal's `disambiguation: 'compatible'` does:
 * - a wall time that happens twice (fall back) is the earlier of the two instants;
 * - a wall time that never happens (spring forward) is moved forward by the length of the gap
 *   (02:30 on the Berlin spring-forward day is 03:30 CEST).
 */
export function fromLocal(timeZone: string, local: number): number {
  const before = offsetAt(timeZone, local - DAY_MS);
  const after = offsetAt(timeZone, local + DAY_MS);
  let earliest: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = local - offset;
    if (toLocal(timeZone, candidate) === local && (earliest === undefined || candidate < earliest)) {
      earliest = candidate;
    }
  }
  // No candidate: `local` lies in a gap. Reading it with the offset in force before the gap lands after it.
  return earliest ?? local - before;
}

/** Midnight of the local day that contains `local`. */
export function startOfLocalDay(local: number): number {
  return Math.floor(local / DAY_MS) * DAY_MS;
}

/** ISO weekday of a local value: 0 = Monday … 6 = Sunday. */
export function isoWeekdayOf(local: number): number {
  return (new Date(local).getUTCDay() + 6) % 7;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for a `HH:MM` time of day (00:00–23:59), or undefined when it is not one. */
export function parseClock(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = CLOCK.exec(value);
  return match === null ? undefined : Number(match[1]) * 60 + Number(match[2]);
}
