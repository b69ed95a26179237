import {
  formatMatcher,
  formatMatchers,
  matchesLabels,
  parseMatcher,
  parseMatchers,
  sortMatchers,
  type Matcher,
} from './matcher';

const m = (type: Matcher['type'], name: string, value: string): Matcher => ({ type, name, value });

describe('parseMatchers (labels.ParseMatchers)', () => {
  it.each<[string, Matcher[]]>([
    ['alertname="Watchdog"', [m('=', 'alertname', 'Watchdog')]],
    ['{foo = "bar", dings != "bums", }', [m('=', 'foo', 'bar'), m('!=', 'dings', 'bums')]],
    ['foo=bar,dings!=bums', [m('=', 'foo', 'bar'), m('!=', 'dings', 'bums')]],
    ['statuscode=~"5.."', [m('=~', 'statuscode', '5..')]],
    ['job!~"api|web"', [m('!~', 'job', 'api|web')]],
    ['{quote="She said: \\"Hi, ladies!\\""}', [m('=', 'quote', 'She said: "Hi, ladies!"')]],
    ['a="x,y", b="z"', [m('=', 'a', 'x,y'), m('=', 'b', 'z')]],
    ['a="line\\nbreak"', [m('=', 'a', 'line\nbreak')]],
    ['a="back\\\\slash"', [m('=', 'a', 'back\\slash')]],
    ['a="spurious\\d"', [m('=', 'a', 'spurious\\d')]],
    ['a=trailing\\', [m('=', 'a', 'trailing\\')]],
    ['a=""', [m('=', 'a', '')]],
    ['a=', [m('=', 'a', '')]],
    ['  a  =~  "x"  ', [m('=~', 'a', 'x')]],
    ['', []],
  ])('parses %j', (input, expected) => {
    expect(parseMatchers(input)).toEqual(expected);
  });

  it.each([
    ['a', 'bad matcher format: a'],
    ['1a="b"', 'bad matcher format: 1a="b"'],
    ['a="b', 'matcher value contains unescaped double quote: "b'],
    ['a=b"c', 'matcher value contains unescaped double quote: b"c'],
    ['a="b"c"', 'matcher value contains unescaped double quote: "b"c"'],
    ['a=b,,c=d', 'bad matcher format: '],
    ['a=~"("', 'error parsing regexp: missing closing )'],
  ])('refuses %j', (input, message) => {
    expect(() => parseMatchers(input)).toThrow(message);
  });

  it('parses one matcher with parseMatcher', () => {
    expect(parseMatcher('severity!="info"')).toEqual(m('!=', 'severity', 'info'));
  });
});

describe('formatMatcher / formatMatchers', () => {
  it('prints values with OpenMetrics escaping and no spaces between matchers', () => {
    expect(formatMatcher(m('=~', 'job', 'a"b\\c\nd'))).toBe('job=~"a\\"b\\\\c\\nd"');
    expect(formatMatchers([m('=', 'a', 'b'), m('!~', 'c', 'd.*')])).toBe('{a="b",c!~"d.*"}');
    expect(formatMatchers([])).toBe('{}');
  });

  it('round-trips through parseMatchers', () => {
    const original = [m('=', 'a', 'quo"te, comma'), m('!~', 'b', 'x\\d+'), m('=', 'c', 'new\nline')];
    expect(parseMatchers(formatMatchers(original))).toEqual(original);
  });
});

describe('sortMatchers (Matchers.Less)', () => {
  it('sorts by name, value, then type order = != =~ !~', () => {
    const sorted = sortMatchers([m('!~', 'b', 'x'), m('=~', 'b', 'x'), m('=', 'a', 'z'), m('=', 'b', 'a')]);
    expect(sorted).toEqual([m('=', 'a', 'z'), m('=', 'b', 'a'), m('=~', 'b', 'x'), m('!~', 'b', 'x')]);
  });
});

describe('matchesLabels', () => {
  const labels = { alertname: 'HighLatency', job: 'api', severity: 'critical' };

  it('requires every matcher to hold', () => {
    expect(matchesLabels(parseMatchers('alertname="HighLatency", severity=~"crit.*"'), labels)).toBe(true);
    expect(matchesLabels(parseMatchers('alertname="HighLatency", severity="warning"'), labels)).toBe(false);
    expect(matchesLabels([], labels)).toBe(true);
  });

  it('treats an absent label as the empty string', () => {
    expect(matchesLabels(parseMatchers('team=""'), labels)).toBe(true);
    expect(matchesLabels(parseMatchers('team!=""'), labels)).toBe(false);
    expect(matchesLabels(parseMatchers('team=~".*"'), labels)).toBe(true);
    expect(matchesLabels(parseMatchers('team!~"db"'), labels)).toBe(true);
    expect(matchesLabels(parseMatchers('constructor=""'), labels)).toBe(true);
  });

  it('anchors regexes', () => {
    expect(matchesLabels(parseMatchers('job=~"ap"'), labels)).toBe(false);
    expect(matchesLabels(parseMatchers('job!~"ap"'), labels)).toBe(true);
  });
});
