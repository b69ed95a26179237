import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The committed SDL, found from the workspace root so it works from src/ (tests) and dist/ (scripts) alike. */
export function identitySchemaFile(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}: run inside the Keel workspace`);
    dir = parent;
  }
  return join(dir, 'apps', 'identity', 'schema.graphql');
}

/** Where two SDL texts first differ, as a one-line hint. */
export function firstDifference(expected: string, actual: string): string | undefined {
  const left = expected.split('\n');
  const right = actual.split('\n');
  for (let line = 0; line < Math.max(left.length, right.length); line += 1) {
    if (left[line] !== right[line]) {
      return `line ${line + 1}: committed ${JSON.stringify(left[line] ?? '<end of file>')}, code ${JSON.stringify(right[line] ?? '<end of file>')}`;
    }
  }
  return undefined;
}
