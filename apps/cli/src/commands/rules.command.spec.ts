import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRuleFiles, type RulesOutput, testRuleFiles } from './rules.command';

let dir: string;
let lines: string[];
const output: RulesOutput = {
  out: (line) => lines.push(line),
  err: (line) => lines.push(`ERR ${line}`),
};

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
      - record: job:up:sum
        expr: sum by (job) (up)
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-rules-cli-'));
  lines = [];
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('keel rules check', () => {
  it('reports the number of rules of a valid file and exits 0', async () => {
    const good = file('good.yml', RULES);
    expect(await checkRuleFiles([good], output)).toBe(0);
    expect(lines).toEqual([`Checking ${good}`, '  SUCCESS: 2 rules found', '']);
  });

  it('lists file:line:column errors and exits 1 when any file fails', async () => {
    const good = file('good.yml', RULES);
    const bad = file('bad.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n');
    const missing = join(dir, 'missing.yml');
    expect(await checkRuleFiles([bad, good, missing], output)).toBe(1);
    expect(lines[0]).toBe(`Checking ${bad}`);
    expect(lines[1]).toBe('ERR   FAILED:');
    expect(lines[2]).toMatch(new RegExp(`^ERR ${bad.replace(/[.\\/]/g, '\\$&')}:5:15: .*could not parse expression`));
    expect(lines.slice(3)).toEqual([
      '',
      `Checking ${good}`,
      '  SUCCESS: 2 rules found',
      '',
      `Checking ${missing}`,
      'ERR   FAILED:',
      `ERR ${missing}: ENOENT`,
      '',
    ]);
  });
});

describe('keel rules test', () => {
  it('prints SUCCESS and the totals when every case passes', async () => {
    file('rules.yml', RULES);
    const test = file(
      'test.yml',
      `rule_files: [rules.yml]
tests:
  - input_series:
      - series: 'up{job="api"}'
        values: '0x3'
    alert_rule_test:
      - eval_time: 1m
        alertname: Down
        exp_alerts:
          - exp_labels: { job: api }
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 2m
        exp_samples:
          - labels: 'job:up:sum{job="api"}'
            value: 0
`,
    );
    expect(await testRuleFiles([test], output)).toBe(0);
    expect(lines).toEqual([
      `Unit Testing:  ${test}`,
      '  SUCCESS',
      '',
      '2 passed, 0 failed, 0 skipped (native histograms) in 1 files',
    ]);
  });

  it("prints promtool's failure messages and exits 1", async () => {
    file('rules.yml', RULES);
    const test = file(
      'test.yml',
      `rule_files: [rules.yml, nothing-*.yml]
tests:
  - input_series:
      - series: 'up{job="api"}'
        values: '0x3'
    alert_rule_test:
      - eval_time: 30s
        alertname: Down
        exp_alerts:
          - exp_labels: { job: api }
`,
    );
    expect(await testRuleFiles([test], output)).toBe(1);
    expect(lines).toEqual([
      `Unit Testing:  ${test}`,
      `ERR   WARNING: no file match pattern ${join(dir, 'nothing-*.yml')}`,
      'ERR   FAILED:',
      [
        'ERR     alertname: Down, time: 30s, ',
        '        exp:[',
        '            0:',
        '              Labels:{alertname="Down", job="api"}',
        '              Annotations:{}',
        '            ], ',
        '        got:[]',
      ].join('\n'),
      '',
      '',
      '0 passed, 1 failed, 0 skipped (native histograms) in 1 files',
    ]);
  });

  it('fails a file that is not a unit-test file', async () => {
    const test = file('test.yml', 'tests:\n  - intervall: 1m\n');
    expect(await testRuleFiles([test], output)).toBe(1);
    expect(lines).toContain('ERR yaml: unmarshal errors:\n  line 2: field intervall not found in type main.testGroup');
  });
});
