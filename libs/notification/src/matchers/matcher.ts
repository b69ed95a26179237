// Alertmanager label matchers (pkg/labels): the classic `labels.ParseMatchers` syntax, Matcher.String(),
// Matchers.String() and sorting, and matching against a label set (an absent label is the empty string).
import { compareGoStrings, isValidUtf8, type LabelSet } from '../labels/label-set';
import { compileAnchoredGoRegex, GoRegexError } from '@keel/promql';

export type MatchType = '=' | '!=' | '=~' | '!~';

/** One label matcher. Build it with `newMatcher` (or `parseMatchers`) so that regexes are checked. */
export interface Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
}

/** A matcher Alertmanager would refuse; `message` uses Alertmanager's wording. */
export class MatcherParseError extends Error {
  override readonly name = 'MatcherParseError';
}

// Alertmanager's MatchType enum order (Equal, NotEqual, Regexp, NotRegexp), used as the last sort key.
const TYPE_ORDER: Record<MatchType, number> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

// Same shape as Alertmanager's classic matcher regex; "=~" is tried before "=".
// Go's \s is [\t\n\f\r ].
const MATCHER_RE = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([^]*?)[\t\n\f\r ]*$/;

/** labels.NewMatcher: checks that a regex compiles (anchored) and returns the matcher. */
export function newMatcher(type: MatchType, name: string, value: string): Matcher {
  if (type === '=~' || type === '!~') {
    try {
      compileAnchoredGoRegex(value);
    } catch (err) {
      throw new MatcherParseError(err instanceof GoRegexError ? err.message : String(err), { cause: err });
    }
  }
  return { type, name, value };
}

/**
 * labels.ParseMatcher: `name op value`, the value optionally double-quoted; inside it `\"`, `\n` and `\\`
 * are escapes and any other backslash is literal; an unescaped `"` anywhere but at the ends is an error.
 */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER_RE.exec(text);
  if (!m) {
    throw new MatcherParseError(`bad matcher format: ${text}`);
  }
  let raw = m[3];
  let expectTrailingQuote = false;
  if (raw.startsWith('"')) {
    raw = raw.slice(1);
    expectTrailingQuote = true;
  }
  if (!isValidUtf8(raw)) {
    throw new MatcherParseError(`matcher value not valid UTF-8: ${m[3]}`);
  }
  let value = '';
  let escaped = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (escaped) {
      escaped = false;
      if (ch === 'n') {
        value += '\n';
      } else if (ch === '"' || ch === '\\') {
        value += ch;
      } else {
        // A spurious escape: the backslash stays literal.
        value += `\\${ch}`;
      }
      continue;
    }
    if (ch === '\\') {
      if (i < raw.length - 1) {
        escaped = true;
      } else {
        value += '\\';
      }
    } else if (ch === '"') {
      if (!expectTrailingQuote || i < raw.length - 1) {
        throw new MatcherParseError(`matcher value contains unescaped double quote: ${m[3]}`);
      }
      expectTrailingQuote = false;
    } else {
      value += ch;
    }
  }
  if (expectTrailingQuote) {
    throw new MatcherParseError(`matcher value contains unescaped double quote: ${m[3]}`);
  }
  return newMatcher(m[2] as MatchType, m[1], value);
}

/**
 * labels.ParseMatchers: a comma-separated list, optionally in braces (`{a="b", c=~"d.*"}` or `a=b,c!=d`);
 * commas inside double quotes do not separate, a trailing comma is allowed.
 */
export function parseMatchers(text: string): Matcher[] {
  let s = text.startsWith('{') ? text.slice(1) : text;
  s = s.endsWith('}') ? s.slice(0, -1) : s;
  const tokens: string[] = [];
  let token = '';
  let insideQuotes = false;
  let escaped = false;
  for (const ch of s) {
    if (ch === ',' && !insideQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (ch === '"') {
      if (!escaped) {
        insideQuotes = !insideQuotes;
      } else {
        escaped = false;
      }
    } else if (ch === '\\') {
      escaped = !escaped;
    } else if (ch !== ',') {
      escaped = false;
    }
    token += ch;
  }
  if (token.trim() !== '') {
    tokens.push(token.trim());
  }
  return tokens.map(parseMatcher);
}

// OpenMetrics escaping, as Matcher.String() prints values: only backslash, line feed and double quote.
function openMetricsEscape(value: string): string {
  return value.replace(/[\\\n"]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** Matcher.String(): `name="value"`, `name=~"re"` (values escaped like OpenMetrics). */
export function formatMatcher(matcher: Matcher): string {
  return `${matcher.name}${matcher.type}"${openMetricsEscape(matcher.value)}"`;
}

/** Matchers.String(): `{a="b",c=~"d"}` — comma without a space, in the given order. */
export function formatMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map(formatMatcher).join(',')}}`;
}

/** Matchers.Less: by name, then value, then type (Equal < NotEqual < Regexp < NotRegexp). */
export function compareMatchers(a: Matcher, b: Matcher): number {
  return (
    compareGoStrings(a.name, b.name) || compareGoStrings(a.value, b.value) || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]
  );
}

/** A sorted copy, as Alertmanager sorts route, inhibition and config matchers. */
export function sortMatchers(matchers: readonly Matcher[]): Matcher[] {
  return [...matchers].sort(compareMatchers);
}

/** Matcher.Matches on one value (regexes fully anchored, Go RE2 syntax). */
export function matchesValue(matcher: Matcher, value: string): boolean {
  switch (matcher.type) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileAnchoredGoRegex(matcher.value).test(value);
    case '!~':
      return !compileAnchoredGoRegex(matcher.value).test(value);
  }
}

/** Matchers.Matches: every matcher holds; an absent label is matched as the empty string. */
export function matchesLabels(matchers: readonly Matcher[], labels: LabelSet): boolean {
  return matchers.every((m) => matchesValue(m, Object.hasOwn(labels, m.name) ? labels[m.name] : ''));
}
