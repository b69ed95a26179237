import { existsSync } from 'node:fs';
import { DEFAULT_CONFORMANCE_DIR, runPromqlConformance } from './promql-conformance';

// Prometheus' own PromQL test files (../shared/conformance/promql, beside the repository in CI) must keep passing:
// a change to libs/promql that breaks a case fails here with the case's file and line. Native-histogram cases are
// the only ones counted as skipped.
describe('PromQL conformance against Prometheus test files', () => {
  it('passes at least 95% of the non-skipped cases (today: all of them)', async () => {
    expect(existsSync(DEFAULT_CONFORMANCE_DIR)).toBe(true);
    const report = await runPromqlConformance(DEFAULT_CONFORMANCE_DIR);
    expect(report.passed + report.failed).toBeGreaterThan(600);
    expect(report.failures).toEqual([]);
    expect(report.passed / (report.passed + report.failed)).toBeGreaterThanOrEqual(0.95);
  });
});
