// Go string literal handling. PromQL strings are Go strings: byte sequences that may hold invalid UTF-8
// ("\xff"). Bytes that do not form valid UTF-8 are kept as lone surrogates U+DC80..U+DCFF (the
// "surrogateescape" trick), so they survive in a JS string, make label names invalid, and print back as \xNN.

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
};

/** Decodes a quoted PromQL string literal ("...", '...' or `...`); throws with a reason when malformed. */
export function unquoteString(literal: string): string {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) {
    throw new Error('unterminated quoted string');
  }
  const body = literal.slice(1, -1);
  if (quote === '`') {
    return body;
  }
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      const cp = body.codePointAt(i) ?? 0;
      const chunk = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(chunk));
      i += chunk.length - 1;
      continue;
    }
    const next = body[++i];
    if (next === undefined) {
      throw new Error('invalid escape sequence at end of string');
    }
    if (next in SIMPLE_ESCAPES) {
      if ((next === "'" && quote === '"') || (next === '"' && quote === "'")) {
        throw new Error(`invalid escape sequence \\${next}`);
      }
      bytes.push(SIMPLE_ESCAPES[next]);
    } else if (next === 'x') {
      bytes.push(parseHex(body.slice(i + 1, i + 3), 2));
      i += 2;
    } else if (next === 'u' || next === 'U') {
      const len = next === 'u' ? 4 : 8;
      const cp = parseHex(body.slice(i + 1, i + 1 + len), len);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
        throw new Error(`invalid Unicode code point in escape sequence`);
      }
      bytes.push(...encoder.encode(String.fromCodePoint(cp)));
      i += len;
    } else if (next >= '0' && next <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) {
        throw new Error(`invalid octal escape sequence \\${oct}`);
      }
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else {
      throw new Error(`unknown escape sequence \\${next}`);
    }
  }
  return decodeBytes(bytes);
}

function parseHex(text: string, len: number): number {
  if (text.length !== len || !/^[0-9a-fA-F]+$/.test(text)) {
    throw new Error(`invalid escape sequence \\x${text}`);
  }
  return parseInt(text, 16);
}

function decodeBytes(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]);
      i++;
    } else {
      out += new TextDecoder().decode(Uint8Array.from(bytes.slice(i, i + len)));
      i += len;
    }
  }
  return out;
}

function utf8SequenceLength(bytes: number[], i: number): number {
  const b = bytes[i];
  const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
  if (len <= 1) {
    return len;
  }
  for (let k = 1; k < len; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) {
      return 0;
    }
  }
  const cp = new TextDecoder().decode(Uint8Array.from(bytes.slice(i, i + len))).codePointAt(0) ?? 0xfffd;
  return cp === 0xfffd ? 0 : len;
}

/** True when the string holds bytes that are not valid UTF-8 (see the surrogate escape above). */
export function hasInvalidUtf8(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc80 && code <= 0xdcff && !(i > 0 && isHigh(text.charCodeAt(i - 1)))) {
      return true;
    }
  }
  return false;
}

/** Go's %q: a double-quoted string with escapes, invalid bytes as \xNN. */
export function goQuote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isLoneLow = code >= 0xdc80 && code <= 0xdcff && !(i > 0 && isHigh(text.charCodeAt(i - 1)));
    if (isLoneLow) {
      out += `\\x${(code - 0xdc00).toString(16).padStart(2, '0')}`;
    } else if (text[i] === '"' || text[i] === '\\') {
      out += `\\${text[i]}`;
    } else if (text[i] === '\n') {
      out += '\\n';
    } else if (text[i] === '\t') {
      out += '\\t';
    } else if (text[i] === '\r') {
      out += '\\r';
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += text[i];
    }
  }
  return `${out}"`;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Prometheus 3 accepts any valid UTF-8 label name except the empty string. */
export function isValidLabelName(name: string): boolean {
  return name.length > 0 && !hasInvalidUtf8(name);
}
