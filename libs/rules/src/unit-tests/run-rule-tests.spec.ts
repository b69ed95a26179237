import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRuleTestFile } from './run-rule-tests';

const RULES = `
groups:
  - name: load
    rules:
      - alert: HighLoad
        expr: load > 1
        for: 2m
        labels:
          severity: '{{ if gt $value 4.0 }}page{{ else }}warn{{ end }}'
        annotations:
          summary: 'load on {{ $labels.host }} is {{ $value }} ({{ $externalLabels.site }}, {{ $externalURL }})'
  - name: sums
    rules:
      - record: load:sum
        expr: sum(load)
`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-rule-tests-'));
  writeFileSync(join(dir, 'rules.yml'), RULES);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(test: string, name = 'test.yml'): Promise<Awaited<ReturnType<typeof runRuleTestFile>>> {
  writeFileSync(join(dir, name), test);
  return runRuleTestFile(join(dir, name));
}

describe('runRuleTestFile', () => {
  it('passes alert and expression expectations checked at their eval_time, templates expanded', async () => {
    const result = await run(`
rule_files: [rules.yml]
tests:
  - interval: 1m
    external_labels: { site: eu }
    external_url: https://prom.example
    input_series:
      - series: 'load{host="a"}'
        values: '0 2 2 2 5 5 5 0'
    alert_rule_test:
      - eval_time: 2m
        alertname: HighLoad
        exp_alerts: []
      - eval_time: 3m30s
        alertname: HighLoad
        exp_alerts:
          - exp_labels: { host: a, severity: warn }
            exp_annotations: { summary: 'load on a is 2 (eu, https://prom.example)' }
      # The severity label follows $value: at 4m it is a new alert, pending again.
      - eval_time: 5m
        alertname: HighLoad
        exp_alerts: []
      - eval_time: 6m
        alertname: HighLoad
        exp_alerts:
          - exp_labels: { host: a, severity: page }
            exp_annotations: { summary: 'load on a is 5 (eu, https://prom.example)' }
      - eval_time: 7m
        alertname: HighLoad
        exp_alerts: []
    promql_expr_test:
      - expr: load:sum
        eval_time: 4m
        exp_samples:
          - labels: load:sum
            value: 5
      - expr: ALERTS
        eval_time: 3m
        exp_samples:
          - labels: 'ALERTS{alertname="HighLoad", alertstate="firing", host="a", severity="warn"}'
            value: 1
`);
    expect(result.errors).toEqual([]);
    expect(result.cases.map((c) => [c.kind, c.evalTime, c.name, c.status])).toEqual([
      ['alert', '2m', 'HighLoad', 'passed'],
      ['alert', '3m30s', 'HighLoad', 'passed'],
      ['alert', '5m', 'HighLoad', 'passed'],
      ['alert', '6m', 'HighLoad', 'passed'],
      ['alert', '7m', 'HighLoad', 'passed'],
      ['expr', '4m', 'load:sum', 'passed'],
      ['expr', '3m', 'ALERTS', 'passed'],
    ]);
  });

  it("fails with promtool's messages, naming the test group", async () => {
    const result = await run(`
rule_files: [rules.yml]
tests:
  - name: wrong
    input_series:
      - series: 'load{host="a"}'
        values: '2x5'
    alert_rule_test:
      - eval_time: 3m
        alertname: HighLoad
        exp_alerts:
          - exp_labels: { host: b, severity: warn }
    promql_expr_test:
      - expr: load
        eval_time: 1m
        exp_samples:
          - labels: 'load{host="a"}'
            value: 3
      - expr: sum(
        eval_time: 1m
`);
    expect(result.cases.map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
    expect(result.cases[0].message).toBe(
      [
        '    name: wrong,',
        '    alertname: HighLoad, time: 3m, ',
        '        exp:[',
        '            0:',
        '              Labels:{alertname="HighLoad", host="b", severity="warn"}',
        '              Annotations:{}',
        '            ], ',
        '        got:[',
        '            0:',
        '              Labels:{alertname="HighLoad", host="a", severity="warn"}',
        '              Annotations:{summary="load on a is 2 (, )"}',
        '            ]',
      ].join('\n'),
    );
    expect(result.cases[1].message).toBe(
      '    expr: "load", time: 1m,\n        exp: {__name__="load", host="a"} 3E+00\n        got: {__name__="load", host="a"} 2E+00',
    );
    expect(result.cases[2].message).toMatch(/^ {4}expr: "sum\(", time: 1m, err: .+/);
  });

  it('compares floats exactly unless fuzzy_compare is set', async () => {
    const test = (fuzzy: boolean): string => `
fuzzy_compare: ${fuzzy}
tests:
  - input_series:
      - series: x
        values: '0.1'
    promql_expr_test:
      - expr: x * 3
        eval_time: 0
        exp_samples:
          - value: 0.3
`;
    const exact = await run(test(false));
    expect(exact.cases[0].status).toBe('failed');
    expect(exact.cases[0].message).toContain('got: {} 3.0000000000000004E-01');
    expect((await run(test(true))).cases[0].status).toBe('passed');
  });

  it('stops a test group at the first rule evaluation error and fails what is left', async () => {
    writeFileSync(
      join(dir, 'dup.yml'),
      'groups:\n  - name: d\n    rules:\n      - record: same\n        expr: up\n        labels: { instance: x }\n',
    );
    const result = await run(`
rule_files: [dup.yml]
tests:
  - input_series:
      - series: 'up{instance="a"}'
        values: 1
      - series: 'up{instance="b"}'
        values: 1
    promql_expr_test:
      - expr: up
        eval_time: 1m
`);
    const message =
      '    rule: same, time: 0s, err: vector contains metrics with the same labelset after applying rule labels';
    expect(result.errors).toEqual([message]);
    expect(result.cases).toEqual([expect.objectContaining({ status: 'failed', message })]);
  });

  it('evaluates groups in group_eval_order, so a later group sees an earlier one at the same time', async () => {
    writeFileSync(
      join(dir, 'chain.yml'),
      `groups:
  - name: second
    rules:
      - record: doubled
        expr: base * 2
  - name: first
    rules:
      - record: base
        expr: vector(21)
`,
    );
    const test = (order: string): string => `
rule_files: [chain.yml]
group_eval_order: ${order}
tests:
  - promql_expr_test:
      - expr: timestamp(doubled)
        eval_time: 0
        exp_samples:
          - value: 0
`;
    expect((await run(test('[first, second]'))).cases[0].status).toBe('passed');
    expect((await run(test('[second, first]'))).cases[0].status).toBe('failed');
  });

  it('reads start_timestamp, defaults the test interval to evaluation_interval and resolves rule file globs', async () => {
    const result = await run(`
rule_files: ['rul*.yml', 'missing/*.yml']
evaluation_interval: 30s
tests:
  - start_timestamp: '2024-01-01T00:00:00Z'
    input_series:
      - series: load
        values: '1 2 3'
    promql_expr_test:
      - expr: timestamp(load)
        eval_time: 1m
        exp_samples:
          - value: 1704067260
      - expr: load:sum
        eval_time: 30s
        exp_samples:
          - labels: load:sum
            value: 2
`);
    expect(result.cases.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(result.warnings).toEqual([`no file match pattern ${join(dir, 'missing/*.yml')}`]);
  });

  it('skips native-histogram expectations and expressions over native-histogram series', async () => {
    const result = await run(`
tests:
  - input_series:
      - series: h
        values: '{{schema:0 sum:1 count:1 buckets:[1]}}'
      - series: f
        values: '1'
    promql_expr_test:
      - expr: h
        eval_time: 0
        exp_samples:
          - labels: h
            histogram: '{{schema:0 sum:1 count:1 buckets:[1]}}'
      - expr: sum(h)
        eval_time: 0
      - expr: f
        eval_time: 0
        exp_samples:
          - labels: f
            value: 1
`);
    expect(result.cases.map((c) => c.status)).toEqual(['skipped', 'skipped', 'passed']);
  });

  it("refuses unknown fields, a missing alertname and a repeated group_eval_order with promtool's words", async () => {
    expect((await run('rule_files: []\ntestz: []\n')).errors).toEqual([
      'yaml: unmarshal errors:\n  line 2: field testz not found in type main.unitTestFile',
    ]);
    expect((await run('tests:\n  - alert_rule_test:\n      - eval_time: 5m\n')).errors).toEqual([
      'an item under alert_rule_test misses required attribute alertname at eval_time 5m',
    ]);
    expect((await run('group_eval_order: [a, b, a]\ntests: []\n')).errors).toEqual([
      'group name repeated in evaluation order: a',
    ]);
  });

  it('reports rule files that do not load', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'groups:\n  - name: x\n    rules:\n      - alert: A\n');
    const result = await run(
      'rule_files: [bad.yml]\ntests:\n  - promql_expr_test:\n      - expr: "1"\n        eval_time: 0\n',
    );
    expect(result.errors[0]).toMatch(/bad\.yml:4:9: .*field 'expr' must be set in rule/);
    expect(result.cases[0].status).toBe('failed');
  });
});
