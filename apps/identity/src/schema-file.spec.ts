import { join } from 'node:path';
import { firstDifference, identitySchemaFile } from './schema-file';

describe('schema file', () => {
  it('lives at apps/identity/schema.graphql of the workspace', () => {
    expect(identitySchemaFile()).toBe(join(__dirname, '..', 'schema.graphql'));
  });

  it('points at the first differing line', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
    expect(firstDifference('a\nb\n', 'a\nc\n')).toBe('line 2: committed "b", code "c"');
    expect(firstDifference('a\n', 'a\nb\n')).toBe('line 2: committed "", code "b"');
    expect(firstDifference('a', 'a\nb')).toBe('line 2: committed "<end of file>", code "b"');
  });
});
