import { join } from 'node:path';
import { runRuleTestFile } from './run-rule-tests';

// The seed alerting rules come with a promtool unit-test file: every alert waits out its `for`, then fires with
// its labels and annotations ($value formatted as Go formats it).
describe('seed-alerting-rules.test.yml', () => {
  it('passes every case', async () => {
    const result = await runRuleTestFile(join(__dirname, '..', '__golden__', 'seed-alerting-rules.test.yml'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.cases.filter((c) => c.status !== 'passed')).toEqual([]);
    // Five alerts, each checked before and after its `for`, plus the expression checks.
    expect(result.cases.filter((c) => c.kind === 'alert')).toHaveLength(10);
    expect(result.cases).toHaveLength(13);
  });
});
