// Go RE2 regular expressions translated to JS RegExp, anchored at both ends as their users compile them:
// Prometheus as `^(?s:<re>)$` (PromQL matchers, label_replace: "." matches "\n"), Alertmanager as `^(?:<re>)$`
// (matchers: it does not). Lookarounds and backreferences are refused as RE2 refuses them.

/** A regular expression Go's regexp package would refuse; the message follows Go's wording. */
export class GoRegexError extends Error {
  override readonly name = 'GoRegexError';
}

const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Any'.split(' '),
);
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const GO_SPACE = '\\t\\n\\f\\r ';
const MAX_REPEAT = 1000;

interface Scope {
  dotAll: boolean;
  /** Extra ")" to close when the group ends: one per "(?flags)" opened inside it. */
  closes: number;
}

function fail(reason: string): never {
  throw new GoRegexError(`error parsing regexp: ${reason}`);
}

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** Translates one escape starting at source[i] (a backslash); returns the JS text and how many chars it used. */
function translateEscape(source: string, i: number, inClass: boolean): [string, number] {
  const next = source[i + 1];
  if (next === undefined) {
    fail('trailing backslash at end of expression: ``');
  }
  switch (next) {
    case 'Q': {
      if (inClass) {
        break;
      }
      const end = source.indexOf('\\E', i + 2);
      const literal = source.slice(i + 2, end === -1 ? undefined : end);
      const text = [...literal].map((c) => (JS_SYNTAX.has(c) ? `\\${c}` : c)).join('');
      return [text, (end === -1 ? source.length : end + 2) - i];
    }
    case 'A':
      return inClass ? fail('invalid escape sequence: `\\A`') : ['(?<![^])', 2];
    case 'z':
      return inClass ? fail('invalid escape sequence: `\\z`') : ['(?![^])', 2];
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
      return [`\\${next}`, 2];
    case 'b':
    case 'B':
      return inClass ? fail(`invalid escape sequence: \`\\${next}\``) : [`\\${next}`, 2];
    case 'a':
      return ['\\x07', 2];
    case 's':
      return [inClass ? GO_SPACE : `[${GO_SPACE}]`, 2];
    case 'S':
      return [inClass ? '\\S' : `[^${GO_SPACE}]`, 2];
    case 'x': {
      const braced = /^\\x\{([0-9A-Fa-f]+)\}/.exec(source.slice(i));
      if (braced) {
        const cp = parseInt(braced[1], 16);
        if (cp > 0x10ffff) {
          fail(`invalid escape sequence: \`${braced[0]}\``);
        }
        return [codePointEscape(cp), braced[0].length];
      }
      const short = /^\\x([0-9A-Fa-f]{2})/.exec(source.slice(i));
      if (!short) {
        fail(`invalid escape sequence: \`${source.slice(i, i + 4)}\``);
      }
      return [codePointEscape(parseInt(short[1], 16)), 4];
    }
    case 'p':
    case 'P': {
      const m = /^\\[pP](?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(source.slice(i));
      if (!m) {
        fail(`invalid character class range: \`${source.slice(i, i + 3)}\``);
      }
      const name = m[2] ?? m[3];
      const negated = (next === 'P') !== (m[1] === '^');
      const property = GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
      return [`\\${negated ? 'P' : 'p'}{${property}}`, m[0].length];
    }
  }
  if (/[0-7]/.test(next)) {
    // Go reads \0 and two-digit octal codes; a single \1..\7 would be a backreference, which RE2 lacks.
    const octal = /^\\([0-7]{1,3})/.exec(source.slice(i)) as RegExpExecArray;
    if (next !== '0' && octal[1].length === 1) {
      fail(`invalid escape sequence: \`\\${next}\``);
    }
    return [codePointEscape(parseInt(octal[1], 8)), octal[0].length];
  }
  const cp = next.codePointAt(0) ?? 0;
  if (/[A-Za-z0-9]/.test(next) || cp >= 0x80) {
    fail(`invalid escape sequence: \`\\${next}\``);
  }
  // Escaped ASCII punctuation is a literal; JS (u flag) only accepts escapes of its own syntax characters.
  if (JS_SYNTAX.has(next) || (inClass && next === '-')) {
    return [`\\${next}`, 2];
  }
  return [next, 2];
}

function translateClass(source: string, start: number): [string, number] {
  let j = start + 1;
  let out = '[';
  if (source[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  while (j < source.length) {
    const ch = source[j];
    if (ch === ']') {
      if (!first) {
        return [`${out}]`, j + 1 - start];
      }
      out += '\\]';
      j++;
      first = false;
      continue;
    }
    first = false;
    if (ch === '[' && source[j + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(j));
      const cls = m ? POSIX_CLASSES[m[2]] : undefined;
      if (!m || cls === undefined) {
        fail(`invalid character class range: \`${m ? m[0] : source.slice(j, j + 2)}\``);
      }
      if (m[1] === '^') {
        fail(`negated POSIX class \`${m[0]}\` inside brackets is not supported`);
      }
      out += cls;
      j += m[0].length;
      continue;
    }
    if (ch === '\\') {
      const [text, used] = translateEscape(source, j, true);
      out += text;
      j += used;
      continue;
    }
    out += ch === '[' ? '\\[' : ch;
    j++;
  }
  return fail(`missing closing ]: \`${source.slice(start)}\``);
}

/**
 * Translates a Go regular expression into the source of an equivalent JS RegExp (to be compiled with "u");
 * `dotAll` is the (?s) flag in effect at the start.
 */
export function translateGoRegex(source: string, dotAll = false): string {
  const scopes: Scope[] = [{ dotAll, closes: 0 }];
  let out = '';
  let i = 0;
  while (i < source.length) {
    const scope = scopes[scopes.length - 1];
    const ch = source[i];
    if (ch === '\\') {
      const [text, used] = translateEscape(source, i, false);
      out += text;
      i += used;
      continue;
    }
    if (ch === '[') {
      const [text, used] = translateClass(source, i);
      out += text;
      i += used;
      continue;
    }
    if (ch === '(') {
      if (source[i + 1] !== '?') {
        out += '(';
        scopes.push({ dotAll: scope.dotAll, closes: 0 });
        i++;
        continue;
      }
      const rest = source.slice(i);
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        scopes.push({ dotAll: scope.dotAll, closes: 0 });
        i += named[0].length;
        continue;
      }
      const flags = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
      if (!flags || (flags[3] === ')' && flags[1] === '' && flags[2] === undefined)) {
        fail(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
      }
      const on = flags[1];
      const off = flags[2] ?? '';
      if (on.includes('U') || off.includes('U')) {
        fail('the ungreedy flag (?U) is not supported');
      }
      const dotAll = on.includes('s') ? true : off.includes('s') ? false : scope.dotAll;
      const jsOn = on.replace('s', '');
      const jsOff = off.replace('s', '');
      const modifier = jsOn || jsOff ? `${jsOn}${jsOff ? `-${jsOff}` : ''}` : '';
      if (flags[3] === ':') {
        out += modifier ? `(?${modifier}:` : '(?:';
        scopes.push({ dotAll, closes: 0 });
      } else {
        if (modifier) {
          out += `(?${modifier}:`;
          scope.closes++;
        }
        scope.dotAll = dotAll;
      }
      i += flags[0].length;
      continue;
    }
    if (ch === ')') {
      const closed = scopes.pop() as Scope;
      if (scopes.length === 0) {
        fail(`unexpected ): \`${source}\``);
      }
      out += ')'.repeat(closed.closes + 1);
      i++;
      continue;
    }
    if (ch === '.') {
      out += scope.dotAll ? '[^]' : '[^\\n]';
      i++;
      continue;
    }
    if (ch === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (repeat) {
        const min = Number(repeat[1]);
        const max = repeat[3] ? Number(repeat[3]) : min;
        if (min > MAX_REPEAT || max > MAX_REPEAT || (repeat[3] && max < min)) {
          fail(`invalid repeat count: \`${repeat[0]}\``);
        }
        out += repeat[0];
        i += repeat[0].length;
        continue;
      }
      out += '\\{';
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      out += `\\${ch}`;
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  if (scopes.length > 1) {
    fail(`missing closing ): \`${source}\``);
  }
  return out + ')'.repeat(scopes[0].closes);
}

export interface GoRegexOptions {
  /** Go's (?s) around the whole expression, as Prometheus compiles regexes (default: off, as Alertmanager). */
  dotAll?: boolean;
}

const caches = { dotAll: new Map<string, RegExp>(), plain: new Map<string, RegExp>() };

/** Compiles a Go regex anchored at both ends; throws GoRegexError when Go would refuse it. */
export function compileAnchoredGoRegex(source: string, options: GoRegexOptions = {}): RegExp {
  const cache = options.dotAll ? caches.dotAll : caches.plain;
  const cached = cache.get(source);
  if (cached) {
    return cached;
  }
  const body = translateGoRegex(source, options.dotAll);
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^(?:${body})$`, 'u');
  } catch (err) {
    throw new GoRegexError(
      `error parsing regexp: ${(err as Error).message.replace(/^Invalid regular expression: (\/.*\/u?: )?/, '')}`,
      { cause: err },
    );
  }
  if (cache.size >= 2000) {
    cache.clear();
  }
  cache.set(source, compiled);
  return compiled;
}

/** The Go-style error for an invalid regex, or undefined when it compiles. */
export function goRegexError(source: string, options: GoRegexOptions = {}): string | undefined {
  try {
    compileAnchoredGoRegex(source, options);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
