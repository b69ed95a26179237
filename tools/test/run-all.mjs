// `npm test`: every test of the workspace, in its three tiers, against real PostgreSQL, Redis and Kafka.
// Starts the local infrastructure first (idempotent), runs Jest once per tier, and ends with the line
// `N passed, N failed` summing every tier. Exit code 1 when anything failed or a tier could not run.
// Options: --tier unit|integration|e2e (repeatable) to run only some tiers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
const chosen = args.flatMap((arg, i) => (arg === '--tier' ? [args[i + 1]] : []));
const tiers = [
  { name: 'unit', jest: ['--selectProjects', 'unit'] },
  { name: 'integration', jest: ['--selectProjects', 'integration', '--maxWorkers', '2'] },
  { name: 'e2e', jest: ['--selectProjects', 'e2e', '--runInBand'] },
].filter((tier) => chosen.length === 0 || chosen.includes(tier.name));

if (tiers.some((tier) => tier.name !== 'unit')) {
  const infra = spawnSync('bash', [join(root, 'tools/infra/infra.sh'), 'up'], { stdio: 'inherit' });
  if (infra.status !== 0) {
    console.error('infrastructure did not start; see the messages above');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// Integration and e2e tests start services as processes from dist/ (e.g. the ingest worker killed mid-stream):
// build them first.
if (tiers.some((tier) => tier.name !== 'unit')) {
  const build = spawnSync(process.execPath, [join(root, 'tools/build/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const resultsDir = join(root, '.keel', 'test-results');
mkdirSync(resultsDir, { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];
for (const tier of tiers) {
  const outputFile = join(resultsDir, `${tier.name}.json`);
  rmSync(outputFile, { force: true });
  console.log(`\n=== ${tier.name} tests ===`);
  const run = spawnSync(bin('jest'), [...tier.jest, '--passWithNoTests', '--json', `--outputFile=${outputFile}`], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      FORCE_COLOR: process.env.CI ? '0' : '1',
      // NestJS 12 and Apollo Server 5 are ES modules; Jest loads them from CommonJS tests through Node 24's
      // require(esm), which Jest only offers with VM modules enabled.
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
    },
  });
  if (!existsSync(outputFile)) {
    failed += 1;
    lines.push(`${tier.name}: jest ended with code ${run.status} and wrote no results`);
    continue;
  }
  const result = JSON.parse(readFileSync(outputFile, 'utf8'));
  // A suite that fails to load (syntax error, failing beforeAll) has no failed tests but must count.
  const brokenSuites = result.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  passed += result.numPassedTests;
  failed += result.numFailedTests + brokenSuites;
  lines.push(
    `${tier.name}: ${result.numPassedTests} passed, ${result.numFailedTests + brokenSuites} failed, ${result.numPendingTests} skipped`,
  );
}
console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
