import { redactPaths } from './redaction';

describe('redactPaths', () => {
  it('covers a field at the top and three levels down, quoting names that are not identifiers', () => {
    expect(redactPaths(['password', 'x-api-key'])).toEqual([
      'password',
      '*.password',
      '*.*.password',
      '*.*.*.password',
      '["x-api-key"]',
      '*["x-api-key"]',
      '*.*["x-api-key"]',
      '*.*.*["x-api-key"]',
    ]);
  });
});
