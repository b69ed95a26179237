import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Keel workspace root (the folder holding nx.json), found upward from `from`; works from the source tree and
 * from dist/ alike. For development tools and tests that read committed files (SDLs, conformance data).
 */
export function workspaceRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}: run inside the Keel workspace`);
    dir = parent;
  }
  return dir;
}
