import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The committed SDL of an app, found from the workspace root so it works from src/ (tests) and dist/ alike. */
export function committedSchemaFile(app: string, from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}: run inside the Keel workspace`);
    dir = parent;
  }
  return join(dir, 'apps', app, 'schema.graphql');
}

/** Where two SDL texts first differ, as a one-line hint; undefined when they are equal. */
export function firstSdlDifference(committed: string, printed: string): string | undefined {
  const left = committed.split('\n');
  const right = printed.split('\n');
  for (let line = 0; line < Math.max(left.length, right.length); line += 1) {
    if (left[line] !== right[line]) {
      return `line ${line + 1}: committed ${JSON.stringify(left[line] ?? '<end of file>')}, code ${JSON.stringify(right[line] ?? '<end of file>')}`;
    }
  }
  return undefined;
}
