import { parseRuleFile } from './parse-rule-file';

function errorsOf(text: string): string[] {
  const result = parseRuleFile(text, 'rules.yml');
  if (result.ok) {
    throw new Error('expected the file to be rejected');
  }
  return result.errors.map((e) => e.message);
}

describe('parseRuleFile', () => {
  it('types group options and recording rules', () => {
    const result = parseRuleFile(
      [
        'groups:',
        '  - name: g',
        '    interval: 30s',
        '    limit: 10',
        '    query_offset: 1m',
        '    rules:',
        '      - record: job:up:sum',
        '        expr: sum by (job) (up)',
        '        labels: { team: core }',
        '      - alert: Down',
        '        expr: up == 0',
        '        keep_firing_for: 5m',
        '        for:',
      ].join('\n'),
      'r.yml',
    );
    expect(result.ok && result.groups[0]).toMatchObject({
      intervalMs: 30_000,
      limit: 10,
      queryOffsetMs: 60_000,
      rules: [
        { kind: 'recording', name: 'job:up:sum', labels: { team: 'core' } },
        { kind: 'alerting', name: 'Down', forMs: 0, keepFiringForMs: 300_000 },
      ],
    });
  });

  it('accepts an empty file', () => {
    expect(parseRuleFile('', 'empty.yml')).toEqual({ ok: true, groups: [] });
  });

  it('reports invalid YAML with its position', () => {
    expect(errorsOf('groups:\n  - name: "g\n')).toEqual(['rules.yml:3:1: invalid YAML: Missing closing "quote']);
    expect(errorsOf('groups:\n  - name: g\n  name: h\n')[0]).toMatch(/^rules\.yml:3:\d+: invalid YAML: /);
  });

  it('reports unknown fields, group names and rule kinds with file:line:column', () => {
    const text = [
      'groups:', // 1
      '  - name: a', // 2
      '    evaluation: 1m', // 3
      '    rules:', // 4
      '      - alert: A', // 5
      '        record: a', // 6
      '        expr: up', // 7
      '      - expr: up', // 8
      '        severity: high', // 9
      '  - name: a', // 10
      '    rules: []', // 11
      '  - rules: []', // 12
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'rules.yml:3:5: field evaluation not found in type rulefmt.RuleGroup',
      `rules.yml:5:16: group "a", rule 1, "A": only one of 'record' and 'alert' must be set`,
      `rules.yml:8:9: group "a", rule 2: one of 'record' or 'alert' must be set`,
      'rules.yml:9:9: field severity not found in type rulefmt.Rule',
      'rules.yml:10:11: groupname: "a" is repeated in the same file',
      'rules.yml:12:5: Groupname must not be empty',
    ]);
  });

  it('reports bad PromQL, durations, names, duplicates and templates', () => {
    const text = [
      'groups:', // 1
      '  - name: g', // 2
      '    interval: 5x', // 3
      '    rules:', // 4
      '      - alert: A', // 5
      '        expr: rate(up[5m]', // 6
      '        for: 10', // 7
      '      - record: bad-name', // 8
      '        expr: up', // 9
      '        for: 1m', // 10
      '      - alert: B', // 11
      '        expr: up', // 12
      '        labels:', // 13
      '          1bad: x', // 14
      '        annotations:', // 15
      '          summary: "{{ $value | nosuch }}"', // 16
      '      - alert: C', // 17
      '        expr: up', // 18
      '      - alert: C', // 19
      '        expr: up', // 20
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'rules.yml:3:15: interval: not a valid duration string: "5x"',
      expect.stringMatching(
        /^rules\.yml:6:15: group "g", rule 1, "A": could not parse expression: 1:\d+: parse error: /,
      ),
      'rules.yml:7:14: for: not a valid duration string: "10"',
      'rules.yml:8:17: group "g", rule 2, "bad-name": invalid recording rule name: bad-name',
      `rules.yml:10:14: group "g", rule 2, "bad-name": invalid field 'for' in recording rule`,
      'rules.yml:14:11: group "g", rule 3, "B": invalid label name: 1bad',
      'rules.yml:16:20: group "g", rule 3, "B": invalid annotation template "summary": template: __alert_B:1: function "nosuch" not defined',
      'rules.yml:19:16: duplicate rule name "C" in group "g"',
    ]);
  });
});
