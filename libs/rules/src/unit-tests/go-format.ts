// How promtool prints values in its messages: Go's strconv, time.Duration and model.Duration formats.
import type { Labels } from '@keel/promql';
import { formatFloat } from '../templates/go-float';

const QUOTE_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u000b': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** strconv.Quote (%q): printable characters as they are, the rest escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (QUOTE_ESCAPES[ch] !== undefined) {
      out += QUOTE_ESCAPES[ch];
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if ((code >= 0x80 && code < 0xa0) || code === 0xad || code === 0xfeff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Prometheus' labels.String(): `{__name__="up", job="api"}`, names sorted. */
export function goLabelsString(labels: Labels): string {
  const names = Object.keys(labels).sort();
  const parts = names.map((n) => `${LEGACY_LABEL_NAME.test(n) ? n : goQuote(n)}=${goQuote(labels[n])}`);
  return `{${parts.join(', ')}}`;
}

/** Prometheus' labels.Compare: pairwise by name then value, then the shorter set first. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    if (an[i] !== bn[i]) {
      return an[i] < bn[i] ? -1 : 1;
    }
    const av = a[an[i]];
    const bv = b[bn[i]];
    if (av !== bv) {
      return av < bv ? -1 : 1;
    }
  }
  return an.length - bn.length;
}

/** strconv.FormatFloat(v, 'E', -1, 64): `1E+00`, `3.999999999999991E-01`, `NaN`, `+Inf`. */
export function formatFloatE(v: number): string {
  if (Number.isNaN(v) || !Number.isFinite(v)) {
    return formatFloat(v, 'e', -1);
  }
  return formatFloat(v, 'e', -1).toUpperCase();
}

const MODEL_UNITS: [string, number, boolean][] = [
  ['y', 365 * 24 * 3600 * 1000, true],
  ['w', 7 * 24 * 3600 * 1000, true],
  ['d', 24 * 3600 * 1000, false],
  ['h', 3600 * 1000, false],
  ['m', 60 * 1000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/** Prometheus' model.Duration.String(): `5m`, `1d`, `106700d`, `2m59s999ms`; years and weeks only when exact. */
export function modelDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const [unit, size, exact] of MODEL_UNITS) {
    if (exact && rest % size !== 0) {
      continue;
    }
    const v = Math.floor(rest / size);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * size;
    }
  }
  return out;
}

/** Go's time.Duration.String() for whole milliseconds: `0s`, `500ms`, `1m30s`, `1h0m0s`, `2m59.999s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) {
    return `${sign}${abs}ms`;
  }
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const millis = abs % 60_000;
  const whole = Math.floor(millis / 1000);
  const fraction = millis % 1000 === 0 ? '' : `.${String(millis % 1000).padStart(3, '0')}`.replace(/0+$/, '');
  const seconds = `${whole}${fraction}s`;
  if (hours > 0) {
    return `${sign}${hours}h${minutes}m${seconds}`;
  }
  return minutes > 0 ? `${sign}${minutes}m${seconds}` : `${sign}${seconds}`;
}
