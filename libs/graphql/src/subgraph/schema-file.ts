import { join } from 'node:path';
import { workspaceRoot } from '@keel/config';

/** The committed SDL of an app, found from the workspace root so it works from src/ (tests) and dist/ alike. */
export function committedSchemaFile(app: string, from: string = __dirname): string {
  return join(workspaceRoot(from), 'apps', app, 'schema.graphql');
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
