// Prometheus durations (model.ParseDuration): units y w d h m s ms, largest first, each at most once.

const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses `1h30m`, `5m`, `250ms` into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') {
    return 0;
  }
  const match = DURATION_RE.exec(text);
  if (!match || text === '') {
    return undefined;
  }
  let total = 0;
  UNIT_ORDER.forEach((unit, i) => {
    const part = match[i + 1];
    if (part !== undefined) {
      total += Number(part) * UNIT_MS[unit];
    }
  });
  return total;
}

/** Formats milliseconds the way Prometheus prints durations (`1h30m`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
