import { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'range';

/** A reporting period, half-open [from, to) in UTC. */
export interface Period {
  kind: PeriodKind;
  /** As a person would write it: 2026, 2026-Q3, 2026-11, or from/to for a range. */
  label: string;
  from: Date;
  to: Date;
}

const FORMATS = 'a year (2026), quarter (2026-Q3), month (2026-11) or range (2026-07-01/2026-09-30)';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

function invalid(message: string): RetrospectiveException {
  return new RetrospectiveException(RetrospectiveErrorCode.INVALID_PERIOD, message);
}

function utc(year: number, monthIndex: number, day = 1): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function realDay(year: number, month: number, day: number): boolean {
  const date = utc(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function year(y: number): Period {
  return { kind: 'year', label: String(y).padStart(4, '0'), from: utc(y, 0), to: utc(y + 1, 0) };
}

function quarter(y: number, q: number): Period {
  return {
    kind: 'quarter',
    label: `${String(y).padStart(4, '0')}-Q${q}`,
    from: utc(y, (q - 1) * 3),
    to: utc(y, q * 3),
  };
}

function month(y: number, m: number): Period {
  return {
    kind: 'month',
    label: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`,
    from: utc(y, m - 1),
    to: utc(y, m),
  };
}

/**
 * One end of a range. A calendar day means the whole day: as a start its midnight, as an end the next midnight
 * (so 2026-07-01/2026-09-30 is the third quarter). An instant needs a time zone and is taken as written; as an
 * end it is excluded.
 */
function rangeEnd(text: string, side: 'start' | 'end', quoted: string): Date {
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!realDay(y, m, d)) throw invalid(`period ${quoted}: ${side} "${text}" is not a real date`);
    return utc(y, m - 1, side === 'start' ? d : d + 1);
  }
  const instant = INSTANT.exec(text);
  if (instant) {
    if (!realDay(Number(instant[1]), Number(instant[2]), Number(instant[3]))) {
      throw invalid(`period ${quoted}: ${side} "${text}" is not a real date`);
    }
    if (instant[7] === undefined) {
      throw invalid(`period ${quoted}: ${side} "${text}" needs a time zone (Z or ±hh:mm)`);
    }
    const parsed = new Date(text);
    if (Number.isNaN(parsed.getTime())) throw invalid(`period ${quoted}: ${side} "${text}" is not a valid time`);
    return parsed;
  }
  throw invalid(`period ${quoted}: ${side} "${text}" is not a date (2026-07-01) or an instant (2026-07-01T00:00:00Z)`);
}

function range(from: Date, to: Date, label: string, quoted: string): Period {
  if (from.getTime() >= to.getTime()) {
    throw invalid(`period ${quoted}: start ${from.toISOString()} is not before end ${to.toISOString()}`);
  }
  return { kind: 'range', label, from, to };
}

function instantOrText(value: Date | string, side: 'start' | 'end', quoted: string): Date {
  if (typeof value === 'string') return rangeEnd(value.trim(), side, quoted);
  if (Number.isNaN(value.getTime())) throw invalid(`period ${quoted}: ${side} is not a valid date`);
  return value;
}

/**
 * Reads a period: a year "2026", a quarter "2026-Q3", a month "2026-11", a range "2026-07-01/2026-09-30" (ISO 8601
 * interval; either end a calendar day or an instant with a time zone), or explicit { from, to }. Periods are in
 * UTC. Every refusal quotes the input and says what is wrong.
 */
export function parsePeriod(input: string | { from: Date | string; to: Date | string }): Period {
  if (typeof input !== 'string') {
    const label = (v: Date | string) =>
      typeof v === 'string' ? v.trim() : Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    const quoted = `"${label(input.from)}/${label(input.to)}"`;
    const from = instantOrText(input.from, 'start', quoted);
    const to = instantOrText(input.to, 'end', quoted);
    return range(from, to, `${label(input.from)}/${label(input.to)}`, quoted);
  }
  const text = input.trim();
  const quoted = `"${text}"`;
  if (text === '') throw invalid(`period is empty; use ${FORMATS}`);
  if (/^\d{4}$/.test(text)) return year(Number(text));
  const q = /^(\d{4})-Q(\d+)$/i.exec(text);
  if (q) {
    const n = Number(q[2]);
    if (n < 1 || n > 4) throw invalid(`period ${quoted}: quarter must be Q1 to Q4, got Q${q[2]}`);
    return quarter(Number(q[1]), n);
  }
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const n = Number(m[2]);
    if (n < 1 || n > 12) throw invalid(`period ${quoted}: month must be 01 to 12, got ${m[2]}`);
    return month(Number(m[1]), n);
  }
  if (text.includes('/')) {
    const parts = text.split('/');
    if (parts.length !== 2 || parts[0].trim() === '' || parts[1].trim() === '') {
      throw invalid(`period ${quoted}: a range is start/end with exactly one "/"`);
    }
    const [start, end] = parts.map((p) => p.trim());
    return range(rangeEnd(start, 'start', quoted), rangeEnd(end, 'end', quoted), `${start}/${end}`, quoted);
  }
  throw invalid(`period ${quoted} is not ${FORMATS}`);
}

/** The period just before: the previous year, quarter or month, or a range of the same length ending at `from`. */
export function previousPeriod(period: Period): Period {
  const y = period.from.getUTCFullYear();
  const monthIndex = period.from.getUTCMonth();
  switch (period.kind) {
    case 'year':
      return year(y - 1);
    case 'quarter': {
      const q = Math.floor(monthIndex / 3) + 1;
      return q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
    }
    case 'month':
      return monthIndex === 0 ? month(y - 1, 12) : month(y, monthIndex);
    case 'range': {
      const from = new Date(2 * period.from.getTime() - period.to.getTime());
      return { kind: 'range', label: `${from.toISOString()}/${period.from.toISOString()}`, from, to: period.from };
    }
  }
}

export function periodContains(period: Period, instant: Date): boolean {
  return instant.getTime() >= period.from.getTime() && instant.getTime() < period.to.getTime();
}
