// Label sets as Alertmanager handles them (prometheus/common model.LabelSet): names follow the classic
// Prometheus character set, sets compare and print the way Go does.

/** A label set (or annotation set): name → value. */
export type LabelSet = Readonly<Record<string, string>>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** model.LabelName.IsValid with the classic (pre-UTF-8) name rules. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Whether a JS string is valid UTF-8 once encoded (no lone surrogates), like utf8.ValidString. */
export function isValidUtf8(value: string): boolean {
  // With the u flag a well-formed pair is one code point, so only lone surrogates match.
  return !LONE_SURROGATE.test(value);
}

// UTF-16 code units reordered so that comparing them gives code point order, which is UTF-8 byte order (Go's).
function sortableUnit(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) {
    return unit + 0x2000;
  }
  if (unit >= 0xe000) {
    return unit - 0x800;
  }
  return unit;
}

/** Compares two strings the way Go does (byte-wise over UTF-8): negative, zero or positive. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return sortableUnit(x) - sortableUnit(y);
    }
  }
  return a.length - b.length;
}

/** The names of a label set in Go's sort order. */
export function sortedNames(labels: LabelSet): string[] {
  return Object.keys(labels).sort(compareGoStrings);
}

/**
 * Go's strconv.Quote: double quotes, `\"` and `\\`, the C escapes for control characters, `\xNN` for
 * other ASCII controls and `\uNNNN` / `\UNNNNNNNN` for non-printable code points; printable Unicode stays.
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (isGoPrintable(ch, cp)) {
      out += ch;
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate is not valid UTF-8; Go would print the replacement character's escape.
      out += '\\ufffd';
    } else if (cp < 0x10000) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
function isGoPrintable(ch: string, cp: number): boolean {
  if (cp < 0x80) {
    return cp >= 0x20 && cp < 0x7f;
  }
  return PRINTABLE.test(ch);
}

/** model.LabelSet.String(): `{a="b", c="d"}` — names sorted, values Go-quoted, ", " between pairs. */
export function formatLabelSet(labels: LabelSet): string {
  return `{${sortedNames(labels)
    .map((name) => `${name}=${goQuote(labels[name])}`)
    .join(', ')}}`;
}

/** model.LabelSet.Before: fewer labels first, then the first differing name or value in sorted-name order. */
export function labelSetBefore(a: LabelSet, b: LabelSet): boolean {
  const aNames = Object.keys(a);
  const bNames = Object.keys(b);
  if (aNames.length !== bNames.length) {
    return aNames.length < bNames.length;
  }
  const names = [...aNames, ...bNames].sort(compareGoStrings);
  for (const name of names) {
    if (!Object.hasOwn(a, name)) {
      return true;
    }
    if (!Object.hasOwn(b, name)) {
      return false;
    }
    const c = compareGoStrings(a[name], b[name]);
    if (c !== 0) {
      return c < 0;
    }
  }
  return false;
}

/** Whether two label sets hold the same pairs. */
export function labelSetsEqual(a: LabelSet, b: LabelSet): boolean {
  const aNames = Object.keys(a);
  if (aNames.length !== Object.keys(b).length) {
    return false;
  }
  return aNames.every((name) => Object.hasOwn(b, name) && a[name] === b[name]);
}

/** A copy whose keys are inserted in Go's sort order (what JSON encoding of a Go map prints). */
export function sortedLabelSet(labels: LabelSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of sortedNames(labels)) {
    setLabel(out, name, labels[name]);
  }
  return out;
}

/** Sets an own property even for names like `__proto__` (valid label names that plain assignment mishandles). */
export function setLabel(target: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
