// The expanding series notation of Prometheus test files and promtool unit tests:
// `1 2 3`, `0+10x5` (6 values), `5-1x3`, `7x2` (3 values), `_` and `_x3` (missing), `stale`,
// and native histograms `{{...}}` (recognised, not interpreted).
import { unquoteString } from '../ast/strings';
import type { Labels } from '../engine/types';

export type SeriesValue =
  { kind: 'float'; v: number } | { kind: 'stale' } | { kind: 'omitted' } | { kind: 'histogram'; text: string };

const NUMBER = '(?:[+-]?(?:inf|nan|(?:\\d+\\.?\\d*|\\.\\d+)(?:e[+-]?\\d+)?))';
const UNSIGNED = '(?:inf|nan|(?:\\d+\\.?\\d*|\\.\\d+)(?:e[+-]?\\d+)?)';
const ITEM_RE = new RegExp(`^(${NUMBER})(?:([+-])(${UNSIGNED}))?(?:x(\\d+))?$`, 'i');

function parseFloatToken(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf') {
    return Infinity;
  }
  if (lower === '-inf') {
    return -Infinity;
  }
  if (lower.endsWith('nan')) {
    return NaN;
  }
  if (/^-?0x/.test(lower)) {
    const v = parseInt(lower.replace('-', '').slice(2), 16);
    return lower.startsWith('-') ? -v : v;
  }
  return Number(lower);
}

/** Expands the values part of a series line into one entry per step. */
export function parseSeriesValues(text: string): SeriesValue[] {
  const histograms: string[] = [];
  const masked = text.replace(/\{\{[^}]*\}\}/g, (h) => {
    histograms.push(h);
    return `\u0000${histograms.length - 1}\u0000`;
  });
  const out: SeriesValue[] = [];
  for (const token of masked.split(/\s+/).filter((t) => t !== '')) {
    if (token.includes('\u0000')) {
      const repeat = /x(\d+)$/.exec(token);
      const count = repeat ? Number(repeat[1]) + 1 : 1;
      const first = histograms[Number(token.split('\u0000')[1])];
      for (let i = 0; i < count; i++) {
        out.push({ kind: 'histogram', text: first });
      }
      continue;
    }
    if (token === '_') {
      out.push({ kind: 'omitted' });
      continue;
    }
    const blanks = /^_x(\d+)$/.exec(token);
    if (blanks) {
      for (let i = 0; i < Number(blanks[1]); i++) {
        out.push({ kind: 'omitted' });
      }
      continue;
    }
    if (token === 'stale') {
      out.push({ kind: 'stale' });
      continue;
    }
    const m = ITEM_RE.exec(token);
    if (!m) {
      throw new Error(`invalid series value ${JSON.stringify(token)}`);
    }
    let value = parseFloatToken(m[1]);
    if (m[4] === undefined) {
      out.push({ kind: 'float', v: value });
      continue;
    }
    const step = m[3] === undefined ? 0 : parseFloatToken(m[3]) * (m[2] === '-' ? -1 : 1);
    // Repeated addition, as Prometheus does it, so rounding matches (0+1.33x10).
    for (let i = 0; i <= Number(m[4]); i++) {
      out.push({ kind: 'float', v: value });
      value += step;
    }
  }
  return out;
}

/** Splits `metric{a="b"} <rest>` into labels and the remaining text. */
export function parseSeriesDescription(line: string): { labels: Labels; rest: string } {
  const labels: Labels = {};
  let i = 0;
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (name) {
    labels.__name__ = name[0];
    i = name[0].length;
  }
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (/\s/.test(line[i] ?? '')) {
        i++;
      }
      if (line[i] === '}') {
        i++;
        break;
      }
      if (i >= line.length) {
        throw new Error(`unterminated label set in ${JSON.stringify(line)}`);
      }
      let labelName: string;
      if (line[i] === '"' || line[i] === "'" || line[i] === '`') {
        const [text, next] = readQuoted(line, i);
        labelName = text;
        i = next;
      } else {
        const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
        if (!m) {
          throw new Error(`invalid label name at ${JSON.stringify(line.slice(i))}`);
        }
        labelName = m[0];
        i += m[0].length;
      }
      while (/\s/.test(line[i] ?? '')) {
        i++;
      }
      if (line[i] === '=') {
        i++;
        while (/\s/.test(line[i] ?? '')) {
          i++;
        }
        const [value, next] = readQuoted(line, i);
        labels[labelName] = value;
        i = next;
      } else {
        labels.__name__ = labelName;
      }
      while (/\s/.test(line[i] ?? '')) {
        i++;
      }
      if (line[i] === ',') {
        i++;
      }
    }
  } else if (!name) {
    throw new Error(`expected a series description in ${JSON.stringify(line)}`);
  }
  for (const n of Object.keys(labels)) {
    if (labels[n] === '') {
      delete labels[n];
    }
  }
  return { labels, rest: line.slice(i).trim() };
}

function readQuoted(line: string, start: number): [string, number] {
  const quote = line[start];
  let i = start + 1;
  while (i < line.length && line[i] !== quote) {
    i += line[i] === '\\' && quote !== '`' ? 2 : 1;
  }
  if (i >= line.length) {
    throw new Error(`unterminated string in ${JSON.stringify(line)}`);
  }
  return [unquoteString(line.slice(start, i + 1)), i + 1];
}
