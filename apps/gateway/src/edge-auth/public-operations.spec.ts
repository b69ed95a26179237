import { parse } from 'graphql';
import { isAnonymousOperation } from './public-operations';

describe('isAnonymousOperation', () => {
  it('accepts login and refresh alone', () => {
    expect(isAnonymousOperation(parse('mutation { login(username: "a", password: "b") { accessToken } }'))).toBe(true);
    expect(
      isAnonymousOperation(parse('mutation R { refreshSession(refreshToken: "x") { accessToken } __typename }')),
    ).toBe(true);
  });

  it('refuses anything else beside them', () => {
    expect(
      isAnonymousOperation(
        parse('mutation { login(username: "a", password: "b") { accessToken } createUser(input: {}) { id } }'),
      ),
    ).toBe(false);
    expect(isAnonymousOperation(parse('{ me { id } }'))).toBe(false);
  });

  it('follows fragments on the root type', () => {
    expect(
      isAnonymousOperation(parse('mutation { ...M } fragment M on Mutation { createUser(input: {}) { id } }')),
    ).toBe(false);
    expect(
      isAnonymousOperation(
        parse('mutation { ... on Mutation { login(username: "a", password: "b") { accessToken } } }'),
      ),
    ).toBe(true);
  });

  it('picks the named operation and refuses an ambiguous document', () => {
    const doc = parse('query A { me { id } } mutation B { login(username: "a", password: "b") { accessToken } }');
    expect(isAnonymousOperation(doc, 'B')).toBe(true);
    expect(isAnonymousOperation(doc, 'A')).toBe(false);
    expect(isAnonymousOperation(doc)).toBe(false);
  });
});
