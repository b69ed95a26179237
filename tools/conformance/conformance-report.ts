import { resolve } from 'node:path';

/** What a conformance runner counts: every case passes, fails or is skipped (native histograms). */
export interface ConformanceReport {
  passed: number;
  failed: number;
  skipped: number;
  /** Where, what and why, per failed case. */
  failures: string[];
  /** Where and what, per skipped case. */
  skips: string[];
}

export function emptyReport(): ConformanceReport {
  return { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
}

/**
 * The command line of a runner: `[dir] [--verbose]` (dir relative to the working directory, default
 * `defaultDir`); prints the failures (and with --verbose the skips), then `<name> conformance: N passed, …`.
 */
export function runConformanceCli(
  name: string,
  defaultDir: string,
  run: (dir: string) => Promise<ConformanceReport>,
): void {
  const main = async (): Promise<void> => {
    const args = process.argv.slice(2);
    const dirArg = args.find((a) => !a.startsWith('--'));
    const report = await run(dirArg ? resolve(process.cwd(), dirArg) : defaultDir);
    if (args.includes('--verbose')) for (const skip of report.skips) console.log(`SKIP ${skip}`);
    for (const failure of report.failures) console.log(`FAIL ${failure}`);
    console.log(`${name} conformance: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  };
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
