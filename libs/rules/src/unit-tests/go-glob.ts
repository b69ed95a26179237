// Go's filepath.Glob, which promtool uses for `rule_files`: `*`, `?`, `[...]` (`[^...]` negated) and `\` escapes
// within one path segment (no `**`); matches sorted per directory; a pattern without them matches if the file exists.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function hasMeta(text: string): boolean {
  return /[*?[\\]/.test(text);
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** The regular expression of one segment's pattern; undefined when the pattern is malformed (Go: ErrBadPattern). */
function segmentRegExp(pattern: string): RegExp | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '\\') {
      if (++i >= pattern.length) return undefined;
      out += escapeRegExp(pattern[i]);
    } else if (ch === '[') {
      let j = i + 1;
      let cls = '';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      let closed = false;
      for (; j < pattern.length; j++) {
        const c = pattern[j];
        if (c === ']' && cls.replace(/^\^/, '') !== '') {
          closed = true;
          break;
        }
        if (c === '\\') {
          if (++j >= pattern.length) return undefined;
          cls += pattern[j] === '-' ? '\\-' : escapeRegExp(pattern[j]);
        } else {
          cls += c === '-' ? '-' : escapeRegExp(c);
        }
      }
      if (!closed) return undefined;
      out += `[${cls}]`;
      i = j;
    } else {
      out += escapeRegExp(ch);
    }
  }
  try {
    return new RegExp(`^${out}$`, 'u');
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The files matching `pattern`; throws `syntax error in pattern` for a malformed one, as Go does. */
export function goGlob(pattern: string): string[] {
  if (!hasMeta(pattern)) {
    return existsSync(pattern) ? [pattern] : [];
  }
  const dir = dirname(pattern);
  const base = basename(pattern);
  const re = segmentRegExp(base);
  if (!re) {
    throw new Error('syntax error in pattern');
  }
  const dirs = dir !== pattern && hasMeta(dir) ? goGlob(dir) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    if (!isDirectory(d)) continue;
    for (const name of readdirSync(d).sort()) {
      if (re.test(name)) out.push(join(d, name));
    }
  }
  return out;
}
