/**
 * Number formatting of the Prometheus HTTP API: sample values are strings as Go's
 * strconv.FormatFloat(v, 'f', -1, 64) prints them (shortest round-trip digits, never an exponent), with
 * "NaN", "+Inf" and "-Inf"; timestamps are Unix seconds as JSON numbers with millisecond precision.
 */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  const shortest = String(value);
  return shortest.includes('e') ? expandExponent(shortest) : shortest;
}

/** "1.5e-7" → "0.00000015", "1e+21" → "1000000000000000000000": the same digits, positional notation. */
function expandExponent(text: string): string {
  const negative = text.startsWith('-');
  const [mantissa = '', exponentText = '0'] = (negative ? text.slice(1) : text).split('e');
  const exponent = Number(exponentText);
  const [intPart = '', fracPart = ''] = mantissa.split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${result}` : result;
}

/** Milliseconds since the epoch → the API's Unix seconds (1435781451.781). */
export function formatTimestamp(ms: number): number {
  return ms / 1000;
}
