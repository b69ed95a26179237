// Go RE2 regular expressions (as used by PromQL matchers and label_replace) translated to JS RegExp.
// Prometheus anchors every regex as ^(?s:...)$, so "." also matches newlines.

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
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** Compiles a Go regex fully anchored; throws an Error with Go-like wording when it is invalid. */
export function compileAnchoredRegex(source: string): RegExp {
  const cached = cache.get(source);
  if (cached) {
    return cached;
  }
  const body = translateGoRegex(source);
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^(?:${body})$`, 'su');
  } catch {
    try {
      compiled = new RegExp(`^(?:${body})$`, 's');
    } catch (err) {
      throw new Error(`error parsing regexp: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, {
        cause: err,
      });
    }
  }
  if (cache.size > 1000) {
    cache.clear();
  }
  cache.set(source, compiled);
  return compiled;
}

function translateGoRegex(source: string): string {
  // Each open group remembers how many scoped-flag groups "(?i:" were opened inside it by "(?i)".
  const pendingCloses: number[] = [0];
  let out = '';
  let i = 0;
  let inClass = false;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) {
        throw new Error('error parsing regexp: trailing backslash at end of expression: ``');
      }
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end === -1 ? undefined : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end === -1 ? source.length : end + 2;
        continue;
      }
      if (!inClass && next === 'z') {
        out += '$';
      } else if (!inClass && next === 'A') {
        out += '^';
      } else {
        out += ch + next;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        const name = end === -1 ? '' : source.slice(i + 2, end);
        const negated = name.startsWith('^');
        const cls = POSIX_CLASSES[negated ? name.slice(1) : name];
        if (cls && !negated) {
          out += cls;
          i = end + 2;
          continue;
        }
      }
      if (ch === ']') {
        inClass = false;
      }
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i++;
      if (source[i] === '^') {
        out += '^';
        i++;
      }
      if (source[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(') {
      const flagGroup = /^\(\?([imsU-]+)\)/.exec(source.slice(i));
      if (flagGroup) {
        if (flagGroup[1].includes('U')) {
          throw new Error('error parsing regexp: ungreedy flag (?U) is not supported');
        }
        out += `(?${flagGroup[1]}:`;
        pendingCloses[pendingCloses.length - 1]++;
        i += flagGroup[0].length;
        continue;
      }
      if (source.startsWith('(?P<', i)) {
        out += '(?<';
        i += 4;
        pendingCloses.push(0);
        continue;
      }
      pendingCloses.push(0);
      out += ch;
      i++;
      continue;
    }
    if (ch === ')') {
      out += ')'.repeat(pendingCloses.pop() ?? 0);
      if (pendingCloses.length === 0) {
        throw new Error('error parsing regexp: unexpected ): `' + source + '`');
      }
      out += ')';
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  if (pendingCloses.length > 1) {
    throw new Error('error parsing regexp: missing closing ): `' + source + '`');
  }
  return out + ')'.repeat(pendingCloses[0]);
}
