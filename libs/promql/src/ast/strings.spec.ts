import { compileAnchoredRegex } from './regex';
import { goQuote, isValidLabelName, unquoteString } from './strings';

describe('Go strings', () => {
  it('decodes escapes in double and single quotes, and nothing in backquotes', () => {
    expect(unquoteString('"a\\n\\"b\\u00e9\\x41"')).toBe('a\n"béA');
    expect(unquoteString("'it\\'s'")).toBe("it's");
    expect(unquoteString('`raw\\n`')).toBe('raw\\n');
  });

  it('keeps invalid UTF-8 bytes recognisable and prints them as Go does', () => {
    const name = unquoteString('"a\\xc5z"');
    expect(isValidLabelName(name)).toBe(false);
    expect(goQuote(name)).toBe('"a\\xc5z"');
    expect(isValidLabelName('ok.name')).toBe(true);
  });
});

describe('Go regular expressions', () => {
  it('anchors and supports inline flags', () => {
    expect(compileAnchoredRegex('pro.*').test('production')).toBe(true);
    expect(compileAnchoredRegex('duc').test('production')).toBe(false);
    expect(compileAnchoredRegex('((?i)PRO).*').test('production')).toBe(true);
    expect(compileAnchoredRegex('.*(?i:TION)').test('production')).toBe(true);
    expect(compileAnchoredRegex('(?P<x>a)b').exec('ab')?.groups?.x).toBe('a');
    expect(compileAnchoredRegex('.').test('\n')).toBe(true);
  });

  it('reports an invalid regex', () => {
    expect(() => compileAnchoredRegex('(')).toThrow(/error parsing regexp/);
  });
});
