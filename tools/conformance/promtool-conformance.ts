// Runs Prometheus' own `promtool test rules` files (cmd/promtool/testdata) against @keel/rules' unit-test runner.
// Usage: npm run conformance:promtool -- [dir] [--verbose]   (default ../shared/conformance/promtool from the repo
// root; --verbose also lists the skipped cases)
// Every alert_rule_test and promql_expr_test entry is a case; native-histogram ones ({{...}}) are skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runRuleTestFile } from '@keel/rules';
import { workspaceRoot } from '@keel/config';
import { emptyReport, runConformanceCli, type ConformanceReport } from './conformance-report';

export const DEFAULT_CONFORMANCE_DIR = resolve(workspaceRoot(__dirname), '..', 'shared', 'conformance', 'promtool');

/** Unit-test files are the YAML files of `dir` that are not rule files (those start with `groups:`). */
function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .filter((f) => !/^groups\s*:/m.test(readFileSync(join(dir, f), 'utf8')))
    .sort();
}

/** Runs every promtool unit-test file of `dir` (their rule files resolved next to them). */
export async function runPromtoolConformance(dir: string): Promise<ConformanceReport> {
  const files = testFiles(dir);
  if (files.length === 0) throw new Error(`no promtool unit-test files in ${dir}`);
  const report = emptyReport();
  for (const file of files) {
    const result = await runRuleTestFile(join(dir, file));
    for (const c of result.cases) {
      report[c.status]++;
      const where = `${file}: [${c.group}] ${c.kind} ${c.name} at ${c.evalTime}`;
      if (c.status === 'skipped') report.skips.push(`${where} (${c.message ?? 'skipped'})`);
      if (c.status === 'failed') report.failures.push(`${where}\n${c.message ?? ''}`);
    }
    // Errors not tied to a case (an unreadable file, bad YAML) fail the file as a whole.
    if (result.errors.length > 0 && !result.cases.some((c) => c.status === 'failed')) {
      report.failed += result.errors.length;
      report.failures.push(...result.errors.map((e) => `${file}: ${e}`));
    }
  }
  return report;
}

if (require.main === module) {
  runConformanceCli('promtool', DEFAULT_CONFORMANCE_DIR, runPromtoolConformance);
}
