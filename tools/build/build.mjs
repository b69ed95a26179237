// Compiles every TypeScript source of the workspace (apps, libs, tools, e2e) into dist/ with swc.
// swc rewrites the @keel/* aliases of tsconfig.base.json into relative requires (see .swcrc), so the
// output runs on plain Node without a resolver hook. Type checking is separate: `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function build({ quiet = false } = {}) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const swc = join(root, 'node_modules', '.bin', 'swc');
  const result = spawnSync(
    swc,
    [
      'apps',
      'libs',
      'tools',
      'e2e',
      '-d',
      'dist',
      '--copy-files',
      '--ignore',
      '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,**/__fixtures__/**,**/*.tsx,apps/portal/**',
      '--quiet',
    ],
    { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' },
  );
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build();
}
