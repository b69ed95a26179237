import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspaceRoot } from '@keel/config';
import { parseRuleFile, runRuleTestFile } from '@keel/rules';

// The rule directory the service ships: the seed's alerting-rules.yml, byte for byte, and its promtool unit tests.
const RULES_DIR = resolve(workspaceRoot(__dirname), 'apps/alerting/rules');

describe('the shipped seed rules', () => {
  it('load unchanged', () => {
    const text = readFileSync(join(RULES_DIR, 'seed-alerting-rules.yml'), 'utf8');
    const result = parseRuleFile(text, 'alerting-rules.yml');
    expect(result.ok && result.groups.map((g) => [g.name, g.rules.map((r) => r.name)])).toEqual([
      ['critical_alerts', ['HighErrorRate', 'DatabaseConnectionPoolExhausted', 'MemoryUsageCritical']],
      ['warning_alerts', ['ResponseTimeDegradation', 'WebSocketConnectionDrops']],
    ]);
    const first = result.ok ? result.groups[0].rules[0] : undefined;
    expect(first).toEqual({
      kind: 'alerting',
      name: 'HighErrorRate',
      expr: 'rate(http_requests_total{status=~"5.."}[5m]) > 0.05',
      forMs: 300_000,
      keepFiringForMs: 0,
      labels: { severity: 'critical' },
      annotations: {
        summary: 'High error rate detected',
        description: 'Error rate is {{ $value }}% over last 5 minutes',
      },
      position: { file: 'alerting-rules.yml', line: 5, column: 9 },
    });
  });

  // Every alert waits out its `for`, then fires with its labels and annotations ($value formatted as Go does).
  it('pass every case of their promtool unit-test file', async () => {
    const result = await runRuleTestFile(join(RULES_DIR, 'seed-alerting-rules.test.yml'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.cases.filter((c) => c.status !== 'passed')).toEqual([]);
    // Five alerts, each checked before and after its `for`, plus the expression checks.
    expect(result.cases.filter((c) => c.kind === 'alert')).toHaveLength(10);
    expect(result.cases).toHaveLength(13);
  });
});
