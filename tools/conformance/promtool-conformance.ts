// Runs Prometheus' own `promtool test rules` files (cmd/promtool/testdata) against @keel/rules' unit-test runner.
// Usage: npm run conformance:promtool -- [dir] [--verbose]   (default ../shared/conformance/promtool from the repo
// root; --verbose also lists the skipped cases)
// Every alert_rule_test and promql_expr_test entry is a case; native-histogram ones ({{...}}) are skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runRuleTestFile } from '@keel/rules';
import { workspaceRoot } from '@keel/config';

export const DEFAULT_CONFORMANCE_DIR = resolve(workspaceRoot(__dirname), '..', 'shared', 'conformance', 'promtool');

export interface ConformanceReport {
  passed: number;
  failed: number;
  skipped: number;
  /** `file: [test group] kind name at eval_time` and promtool's message, per failed case. */
  failures: string[];
  /** The same, with the reason, per skipped case. */
  skips: string[];
}

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
  const report: ConformanceReport = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirArg = args.find((a) => !a.startsWith('--'));
  const dir = dirArg ? resolve(process.cwd(), dirArg) : DEFAULT_CONFORMANCE_DIR;
  const report = await runPromtoolConformance(dir);
  if (args.includes('--verbose')) for (const skip of report.skips) console.log(`SKIP ${skip}`);
  for (const failure of report.failures) console.log(`FAIL ${failure}`);
  console.log(`promtool conformance: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
