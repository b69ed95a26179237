import { parseDuration } from '../ast/duration';

/** A PromQL number literal (also Inf, NaN, hex, `1_000`, or a duration meaning seconds). */
export function parseNumber(text: string): number | undefined {
  let sign = 1;
  let body = text;
  if (body.startsWith('+') || body.startsWith('-')) {
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower === 'inf') {
    return sign * Infinity;
  }
  if (lower === 'nan') {
    return NaN;
  }
  if (/^0x[0-9a-f]+$/i.test(body)) {
    return sign * parseInt(body.slice(2), 16);
  }
  if (/[a-z]/i.test(body.replace(/e[+-]?\d/i, ''))) {
    const ms = parseDuration(body);
    return ms === undefined ? undefined : (sign * ms) / 1000;
  }
  const clean = body.replace(/_/g, '');
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) {
    return undefined;
  }
  return sign * Number(clean);
}
