// Times are epoch milliseconds; `null` stands for Go's zero time.Time (0001-01-01T00:00:00Z).

/** Go's zero time as epoch milliseconds. */
export const GO_ZERO_TIME_MS = -62_135_596_800_000;

/**
 * Formats a time the way Go's time.Time marshals to JSON (RFC 3339 with up to nanosecond digits, trailing
 * zeros trimmed): `2026-11-26T15:02:00Z`, `2026-11-26T15:02:00.12Z`; `null` prints `0001-01-01T00:00:00Z`.
 * Keel keeps milliseconds and UTC, so at most three fraction digits and always `Z`.
 */
export function formatGoTime(ms: number | null): string {
  if (ms === null) {
    return '0001-01-01T00:00:00Z';
  }
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm: days since 1970-01-01 in the proleptic Gregorian calendar.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * Parses an RFC 3339 date-time (`2026-11-26T15:02:00.123456789+01:00`) to epoch milliseconds (digits past
 * the millisecond are dropped). Returns `null` for Go's zero time and `undefined` when the text is invalid.
 */
export function parseRFC3339(text: string): number | null | undefined {
  const m = RFC3339.exec(text);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) {
    return undefined;
  }
  if (second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) {
      return undefined;
    }
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const ms =
    daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return ms === GO_ZERO_TIME_MS ? null : ms;
}
