import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseRuleFile, runRuleTestFile } from '@keel/rules';

/** Where the commands write: stdout and stderr lines (injectable for tests). */
export interface RulesOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: RulesOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * `keel rules check`, like `promtool check rules`: per file `Checking <file>`, then `  SUCCESS: N rules found` or
 * `  FAILED:` and one `file:line:column: reason` per problem. Returns the exit code (1 when any file fails).
 */
export async function checkRuleFiles(files: string[], output: RulesOutput = consoleOutput): Promise<number> {
  let failed = false;
  for (const file of files) {
    output.out(`Checking ${file}`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      output.err('  FAILED:');
      output.err(`${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      output.out('');
      failed = true;
      continue;
    }
    const result = parseRuleFile(text, file);
    if (result.ok) {
      const rules = result.groups.reduce((n, g) => n + g.rules.length, 0);
      output.out(`  SUCCESS: ${rules} rules found`);
    } else {
      output.err('  FAILED:');
      for (const e of result.errors) output.err(e.message);
      failed = true;
    }
    output.out('');
  }
  return failed ? 1 : 0;
}

/**
 * `keel rules test`, like `promtool test rules`: per file `Unit Testing:  <file>`, then `  SUCCESS` or `  FAILED:`
 * and promtool's message per failure; ends with the case counts. Returns the exit code (1 when anything failed).
 */
export async function testRuleFiles(files: string[], output: RulesOutput = consoleOutput): Promise<number> {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let failedFiles = 0;
  for (const file of files) {
    output.out(`Unit Testing:  ${file}`);
    const result = await runRuleTestFile(file);
    for (const warning of result.warnings) output.err(`  WARNING: ${warning}`);
    for (const c of result.cases) totals[c.status]++;
    // A test group stopped by an error fails its remaining cases with that same message: print it once.
    const messages = [
      ...result.errors,
      ...result.cases.filter((c) => c.status === 'failed').map((c) => c.message ?? `${c.kind} ${c.name} failed`),
    ].filter((m, i, all) => all.indexOf(m) === i);
    if (messages.length > 0) {
      failedFiles++;
      output.err('  FAILED:');
      for (const m of messages) {
        output.err(m);
        output.out('');
      }
    } else {
      output.out('  SUCCESS');
    }
    output.out('');
  }
  output.out(
    `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (native histograms) in ${files.length} files`,
  );
  return failedFiles > 0 ? 1 : 0;
}

/** `keel rules check|test <files...>`: Prometheus rule files, offline (no server, no configuration). */
export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('check and unit-test Prometheus rule files, like promtool');
  rules
    .command('check')
    .description('validate rule files like `promtool check rules` (file:line:column for every problem)')
    .argument('<files...>', 'rule files')
    .action(async (files: string[]) => {
      process.exitCode = await checkRuleFiles(files);
    });
  rules
    .command('test')
    .description('run `promtool test rules` unit-test files')
    .argument('<files...>', 'unit-test files (their rule_files are read relative to them)')
    .action(async (files: string[]) => {
      process.exitCode = await testRuleFiles(files);
    });
}
