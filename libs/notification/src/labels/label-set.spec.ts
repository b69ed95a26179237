import { compareGoStrings, formatLabelSet, goQuote, labelSetBefore, labelSetsEqual, sortedLabelSet } from './label-set';

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['line\nbreak\ttab\r', '"line\\nbreak\\ttab\\r"'],
    ['\x07\b\f\v', '"\\a\\b\\f\\v"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['héllo 日本', '"héllo 日本"'],
    ['\u00a0\u200b', '"\\u00a0\\u200b"'],
    ['😀', '"😀"'],
  ])('quotes %j as Go does', (input, expected) => {
    expect(goQuote(input)).toBe(expected);
  });
});

describe('formatLabelSet (model.LabelSet.String)', () => {
  it('sorts names and separates pairs with ", "', () => {
    expect(formatLabelSet({ job: 'api', alertname: 'High"Latency', a: '' })).toBe(
      '{a="", alertname="High\\"Latency", job="api"}',
    );
  });

  it('prints an empty set as {}', () => {
    expect(formatLabelSet({})).toBe('{}');
  });
});

describe('compareGoStrings', () => {
  it('orders by UTF-8 bytes, which differs from UTF-16 for astral characters', () => {
    // U+FF5E (UTF-16 0xFF5E) sorts before U+1F600 (surrogates 0xD83D…) in Go, after it in plain JS.
    expect('😀' < '～').toBe(true);
    expect(compareGoStrings('😀', '～')).toBeGreaterThan(0);
    expect(compareGoStrings('a', 'ab')).toBeLessThan(0);
    expect(compareGoStrings('b', 'ab')).toBeGreaterThan(0);
    expect(compareGoStrings('x', 'x')).toBe(0);
  });
});

describe('labelSetBefore (model.LabelSet.Before)', () => {
  it('puts smaller sets first', () => {
    expect(labelSetBefore({ z: '1' }, { a: '1', b: '2' })).toBe(true);
    expect(labelSetBefore({ a: '1', b: '2' }, { z: '1' })).toBe(false);
  });

  it('puts the set lacking the first name of the union first (Go quirk), then compares values', () => {
    expect(labelSetBefore({ b: '1' }, { a: '1' })).toBe(true);
    expect(labelSetBefore({ a: '1' }, { b: '1' })).toBe(false);
    expect(labelSetBefore({ a: '1' }, { a: '2' })).toBe(true);
    expect(labelSetBefore({ a: '2' }, { a: '1' })).toBe(false);
    expect(labelSetBefore({ a: '1' }, { a: '1' })).toBe(false);
  });

  it('does not treat inherited object keys as labels', () => {
    expect(labelSetBefore({ toString: 'x' }, { constructor: 'x' })).toBe(true);
    expect(labelSetBefore({ constructor: 'x' }, { toString: 'x' })).toBe(false);
    expect(labelSetsEqual({ constructor: 'x' }, { toString: 'x' })).toBe(false);
  });
});

describe('sortedLabelSet', () => {
  it('keeps __proto__ as an ordinary label', () => {
    const input = JSON.parse('{"b":"2","__proto__":"x","a":"1"}') as Record<string, string>;
    const sorted = sortedLabelSet(input);
    expect(Object.keys(sorted)).toEqual(['__proto__', 'a', 'b']);
    expect(JSON.stringify(sorted)).toBe('{"__proto__":"x","a":"1","b":"2"}');
  });
});
