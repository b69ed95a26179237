// Runs one TypeScript entry point of the workspace: builds dist/ with swc, then executes the compiled
// file with the same arguments. Usage: node tools/build/run.mjs apps/cli/src/main.ts [args...]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node tools/build/run.mjs <path/to/file.ts> [args...]');
  process.exit(2);
}
if (process.env.KEEL_SKIP_BUILD !== '1') {
  build({ quiet: true });
}
const compiled = join(root, 'dist', entry.replace(/\.ts$/, '.js'));
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', compiled, ...args],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
