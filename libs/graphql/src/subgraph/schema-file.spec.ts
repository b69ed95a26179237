import { join } from 'node:path';
import { committedSchemaFile, firstSdlDifference } from './schema-file';

describe('committedSchemaFile', () => {
  it('finds an app schema from the workspace root', () => {
    expect(committedSchemaFile('identity')).toBe(
      join(__dirname, '..', '..', '..', '..', 'apps', 'identity', 'schema.graphql'),
    );
  });

  it('refuses outside a workspace', () => {
    expect(() => committedSchemaFile('identity', '/')).toThrow(/no nx.json above/);
  });
});

describe('firstSdlDifference', () => {
  it('names the first differing line', () => {
    expect(firstSdlDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
    expect(firstSdlDifference('a\nb\n', 'a\nc\n')).toBe('line 2: committed "b", code "c"');
    expect(firstSdlDifference('a\n', 'a\nb\n')).toBe('line 2: committed "", code "b"');
    expect(firstSdlDifference('a', 'a\nb')).toBe('line 2: committed "<end of file>", code "b"');
  });
});
