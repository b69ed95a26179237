import { formatFloat } from './go-float';
import { goSprintf } from './go-printf';
import { goPrint, type TemplateValue } from './values';

export type TemplateFunction = (...args: TemplateValue[]) => TemplateValue | Promise<TemplateValue>;

function toFloat(v: TemplateValue): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?(inf|infinity)$/i.test(t)) {
      return t.startsWith('-') ? -Infinity : Infinity;
    }
    if (/^nan$/i.test(t)) {
      return NaN;
    }
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) {
      return Number(v);
    }
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  throw new Error(`can't convert ${goPrint(v)} to float`);
}

const g4 = (v: number): string => formatFloat(v, 'g', 4);

function scaleDown(v: number, prefixes: string[]): [number, string] {
  let prefix = '';
  for (const p of prefixes) {
    if (Math.abs(v) >= 1) {
      break;
    }
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

const SMALL = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

/** Prometheus' humanize: SI prefixes, 4 significant digits. */
export function humanize(input: TemplateValue): string {
  let v = toFloat(input);
  if (v === 0 || !Number.isFinite(v)) {
    return g4(v);
  }
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) {
        break;
      }
      prefix = p;
      v /= 1000;
    }
    return g4(v) + prefix;
  }
  const [scaled, prefix] = scaleDown(v, SMALL);
  return g4(scaled) + prefix;
}

/** Prometheus' humanize1024: binary prefixes ki, Mi, ... */
export function humanize1024(input: TemplateValue): string {
  let v = toFloat(input);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) {
    return g4(v);
  }
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) {
      break;
    }
    prefix = p;
    v /= 1024;
  }
  return g4(v) + prefix;
}

/** Prometheus' humanizeDuration: seconds to `1d 2h 3m 4s`, or `1.5s`, `250ms` below a minute. */
export function humanizeDuration(input: TemplateValue): string {
  let v = toFloat(input);
  if (!Number.isFinite(v)) {
    return g4(v);
  }
  if (v === 0) {
    return `${g4(v)}s`;
  }
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const total = Math.trunc(v);
    const seconds = total % 60;
    const minutes = Math.trunc(total / 60) % 60;
    const hours = Math.trunc(total / 3600) % 24;
    const days = Math.trunc(total / 86400);
    if (days !== 0) {
      return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    }
    if (hours !== 0) {
      return `${sign}${hours}h ${minutes}m ${seconds}s`;
    }
    if (minutes !== 0) {
      return `${sign}${minutes}m ${seconds}s`;
    }
    return `${sign}${g4(v)}s`;
  }
  const [scaled, prefix] = scaleDown(v, SMALL);
  return `${g4(scaled)}${prefix}s`;
}

/** Prometheus' humanizePercentage: 0.1234 → `12.34%`. */
export function humanizePercentage(input: TemplateValue): string {
  return `${g4(toFloat(input) * 100)}%`;
}

// strings.Title: upper-cases the first letter of every word; words are split at anything but letters, digits, `_`.
function title(s: string): string {
  let prevSep = true;
  let out = '';
  for (const ch of s) {
    out += prevSep ? ch.toUpperCase() : ch;
    prevSep = !/[\p{L}\p{N}_]/u.test(ch) && (ch.charCodeAt(0) < 128 || /\s/u.test(ch));
  }
  return out;
}

function str(v: TemplateValue, fn: string): string {
  if (typeof v !== 'string') {
    throw new Error(
      `wrong type for value; expected string; got ${typeof v === 'number' ? 'float64' : typeof v} in ${fn}`,
    );
  }
  return v;
}

// Go's regexp expansion: $1, ${1}, $name, ${name}; JS wants $1 and $<name>.
function goReplacement(repl: string): string {
  return repl.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_m, all: string, braced?: string, bare?: string) => {
    if (all === '$') {
      return '$$';
    }
    const name = braced ?? bare ?? '';
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}

function eq(a: TemplateValue, ...rest: TemplateValue[]): boolean {
  // Go compares basic values of one kind; an untyped int constant and a float64 compare by value.
  const num = (v: TemplateValue): TemplateValue => (typeof v === 'bigint' ? Number(v) : v);
  return rest.some((b) => num(a) === num(b));
}

function cmp(a: TemplateValue, b: TemplateValue): number {
  if ((typeof a === 'string') !== (typeof b === 'string')) {
    throw new Error('incompatible types for comparison');
  }
  return a! < b! ? -1 : a! > b! ? 1 : 0; // eslint-disable-line @typescript-eslint/no-non-null-assertion
}

/** The functions Prometheus' alert templates provide, plus text/template's built-ins. */
export const TEMPLATE_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
  printf: (format, ...args) => goSprintf(str(format, 'printf'), args),
  print: (...args) => args.map(goPrint).join(''),
  title: (s) => title(str(s, 'title')),
  toUpper: (s) => str(s, 'toUpper').toUpperCase(),
  toLower: (s) => str(s, 'toLower').toLowerCase(),
  reReplaceAll: (pattern, repl, text) =>
    str(text, 'reReplaceAll').replace(
      new RegExp(str(pattern, 'reReplaceAll'), 'gu'),
      goReplacement(str(repl, 'reReplaceAll')),
    ),
  match: (pattern, text) => new RegExp(str(pattern, 'match'), 'u').test(str(text, 'match')),
  eq,
  ne: (a, b) => !eq(a, b),
  lt: (a, b) => cmp(a, b) < 0,
  le: (a, b) => cmp(a, b) <= 0,
  gt: (a, b) => cmp(a, b) > 0,
  ge: (a, b) => cmp(a, b) >= 0,
  not: (a) => !(a !== null && a !== undefined && a !== false && a !== '' && a !== 0 && a !== 0n),
  len: (a) =>
    BigInt(typeof a === 'string' ? Buffer.byteLength(a) : Array.isArray(a) ? a.length : Object.keys(a ?? {}).length),
  // `query` is replaced by the caller's data source; without one it fails at evaluation time.
  query: () => {
    throw new Error('no query function configured');
  },
  first: (v) => {
    if (!Array.isArray(v) || v.length === 0) {
      throw new Error('first() called on vector with no elements');
    }
    return v[0];
  },
  label: (name, sample) =>
    sample && typeof sample === 'object' && !Array.isArray(sample)
      ? ((sample.Labels as Record<string, TemplateValue> | undefined)?.[str(name, 'label')] ?? '')
      : '',
  value: (sample) => (sample && typeof sample === 'object' && !Array.isArray(sample) ? (sample.Value ?? null) : null),
};
