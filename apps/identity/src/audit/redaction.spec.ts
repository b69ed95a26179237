import { redactArguments } from '@keel/graphql';

// The audit interceptor records mutation arguments; these are identity's arguments that carry secrets.
describe('audit redaction of identity mutation arguments', () => {
  it('hides passwords and refresh tokens, and keeps the rest', () => {
    expect(redactArguments({ username: 'ana', password: 'secret one' })).toEqual({
      username: 'ana',
      password: '[redacted]',
    });
    expect(redactArguments({ currentPassword: 'a', newPassword: 'b' })).toEqual({
      currentPassword: '[redacted]',
      newPassword: '[redacted]',
    });
    expect(redactArguments({ refreshToken: 'opaque' })).toEqual({ refreshToken: '[redacted]' });
    expect(
      redactArguments({ input: { username: 'ana', displayName: 'Ana', password: 'secret two', roles: ['viewer'] } }),
    ).toEqual({ input: { username: 'ana', displayName: 'Ana', password: '[redacted]', roles: ['viewer'] } });
    expect(redactArguments({ input: { name: 'ci', role: 'viewer', scopes: ['graphql:read'] } })).toEqual({
      input: { name: 'ci', role: 'viewer', scopes: ['graphql:read'] },
    });
  });
});
