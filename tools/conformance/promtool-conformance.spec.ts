import { existsSync } from 'node:fs';
import { DEFAULT_CONFORMANCE_DIR, runPromtoolConformance } from './promtool-conformance';

// Prometheus' own promtool unit-test files (../shared/conformance/promtool, beside the repository in CI) must keep
// passing: a change to libs/rules or libs/promql that breaks a case fails here with the case and promtool's
// message. Native-histogram cases are the only ones counted as skipped.
describe('promtool conformance against Prometheus test files', () => {
  it('passes every non-skipped case', async () => {
    expect(existsSync(DEFAULT_CONFORMANCE_DIR)).toBe(true);
    const report = await runPromtoolConformance(DEFAULT_CONFORMANCE_DIR);
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(30);
    expect(report.skips.every((s) => s.endsWith('(native histograms are not supported)'))).toBe(true);
  });
});
