import { compileAnchoredGoRegex, goRegexError, translateGoRegex } from './go-regex';

const matches = (re: string, value: string): boolean => compileAnchoredGoRegex(re).test(value);

describe('compileAnchoredGoRegex', () => {
  it('anchors at both ends', () => {
    expect(matches('foo', 'foo')).toBe(true);
    expect(matches('foo', 'xfoo')).toBe(false);
    expect(matches('foo', 'foox')).toBe(false);
    expect(matches('foo|bar', 'bar')).toBe(true);
    expect(matches('5..', '503')).toBe(true);
  });

  it('does not let "." match a newline unless (?s) is set', () => {
    expect(matches('a.b', 'a\nb')).toBe(false);
    expect(matches('a.b', 'a\rb')).toBe(true);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
    expect(matches('(?s:a.)b', 'a\nb')).toBe(true);
  });

  it('supports scoped and group-wide flags', () => {
    expect(matches('(?i)abc', 'ABC')).toBe(true);
    expect(matches('x(?i)abc', 'XABC')).toBe(false);
    expect(matches('x(?i)abc', 'xABC')).toBe(true);
    expect(matches('(?i:a)b', 'Ab')).toBe(true);
    expect(matches('(?i:a)b', 'AB')).toBe(false);
    expect(matches('(a(?i)b)c', 'aBc')).toBe(true);
    expect(matches('(a(?i)b)c', 'aBC')).toBe(false);
  });

  it('reads Go escapes, classes and named groups', () => {
    expect(matches('\\Qa.b\\E', 'a.b')).toBe(true);
    expect(matches('\\Qa.b\\E', 'axb')).toBe(false);
    expect(matches('[[:digit:]]+', '123')).toBe(true);
    expect(matches('[[:alpha:]_]+', 'ab_c')).toBe(true);
    expect(matches('(?P<x>ab)+', 'abab')).toBe(true);
    expect(matches('\\pL+', 'héllo')).toBe(true);
    expect(matches('\\p{Greek}+', 'αβγ')).toBe(true);
    expect(matches('\\x{41}\\x42', 'AB')).toBe(true);
    expect(matches('\\-\\#\\~', '-#~')).toBe(true);
    expect(matches('[]a]+', ']a]')).toBe(true);
    expect(matches('a{2}', 'aa')).toBe(true);
    expect(matches('a{', 'a{')).toBe(true);
    expect(matches('\\s', '\v')).toBe(false);
    expect(matches('\\s', '\t')).toBe(true);
    expect(matches('.', '😀')).toBe(true);
  });

  it.each([
    ['(', 'missing closing )'],
    [')', 'unexpected )'],
    ['[a', 'missing closing ]'],
    ['a\\', 'trailing backslash'],
    ['(?=a)', 'invalid or unsupported Perl syntax'],
    ['(?!a)', 'invalid or unsupported Perl syntax'],
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['\\q', 'invalid escape sequence: `\\q`'],
    ['a{1001}', 'invalid repeat count'],
    ['*a', 'error parsing regexp'],
  ])('refuses %j like RE2', (re, message) => {
    expect(goRegexError(re)).toContain(message);
    expect(goRegexError(re)).toMatch(/^error parsing regexp: /);
  });

  it('translates to JS source that the u flag accepts', () => {
    expect(translateGoRegex('a.b')).toBe('a[^\\n]b');
    expect(translateGoRegex('(?i)x')).toBe('(?i:x)');
  });
});
