// @nx/enforce-module-boundaries reads Nx's cached project graph and silently skips itself when there is none
// (a fresh clone). Computing the graph first makes the boundary rule always run.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false' },
});
