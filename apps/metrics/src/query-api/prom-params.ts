/** A request parameter the Prometheus HTTP API refuses with 400 bad_data and this message. */
export class BadDataError extends Error {
  readonly errorType = 'bad_data';
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Prometheus' `minTime`/`maxTime` in milliseconds, what an absent start/end of a series query means. */
export const MIN_TIME_MS = -9_223_372_036_854;
export const MAX_TIME_MS = 9_223_372_036_854;

/** A Prometheus duration (`1h30m`, `15s`, `500ms`) in milliseconds, or undefined when it is not one. */
export function parsePromDuration(text: string): number | undefined {
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let total = 0;
  units.forEach((unit, i) => {
    const count = match[i + 1];
    if (count) total += Number(count) * (DURATION_UNITS[unit] ?? 0);
  });
  return total;
}

/** `time`, `start`, `end`: Unix seconds (may have a fraction) or RFC 3339; the result is in milliseconds. */
export function parseTimeParam(name: string, raw: string | undefined, fallbackMs?: number): number {
  if (raw === undefined || raw === '') {
    if (fallbackMs !== undefined) return fallbackMs;
    throw new BadDataError(`invalid parameter "${name}": cannot parse "" to a valid timestamp`);
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return Math.round(seconds * 1000);
  }
  if (RFC3339.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new BadDataError(`invalid parameter "${name}": cannot parse "${raw}" to a valid timestamp`);
}

/** `step`, `timeout`, `lookback_delta`: float seconds or a Prometheus duration; the result is in milliseconds. */
export function parseDurationParam(name: string, raw: string | undefined): number {
  if (raw !== undefined && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) {
    const ms = Math.round(Number(raw) * 1000);
    if (Number.isFinite(ms)) return ms;
  }
  const duration = raw === undefined ? undefined : parsePromDuration(raw);
  if (duration === undefined)
    throw new BadDataError(`invalid parameter "${name}": cannot parse "${raw ?? ''}" to a valid duration`);
  return duration;
}

/** Prometheus refuses range queries with more points per series than this. */
export const MAX_POINTS_PER_SERIES = 11_000;

export interface RangeParams {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Checks `start`, `end` and `step` of /api/v1/query_range as Prometheus does, with its messages. */
export function parseRangeParams(params: { start?: string; end?: string; step?: string }): RangeParams {
  const startMs = parseTimeParam('start', params.start);
  const endMs = parseTimeParam('end', params.end);
  if (endMs < startMs) throw new BadDataError('invalid parameter "end": end timestamp must not be before start time');
  const stepMs = parseDurationParam('step', params.step);
  if (stepMs <= 0) {
    throw new BadDataError(
      'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  if ((endMs - startMs) / stepMs > MAX_POINTS_PER_SERIES) {
    throw new BadDataError(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  return { startMs, endMs, stepMs };
}
