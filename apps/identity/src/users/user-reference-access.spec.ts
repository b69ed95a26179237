import type { Identity } from '@keel/auth';
import { userReferenceRefusal } from './user-reference-access';

const who = (type: Identity['type'], id: string, roles: Identity['roles'] = [], scopes: string[] = []): Identity => ({
  type,
  id,
  name: id,
  roles,
  scopes,
});

describe('userReferenceRefusal (who may resolve User references)', () => {
  it('lets every signed-in reader in: viewer, responder, admin, auditor', () => {
    for (const role of ['viewer', 'responder', 'admin', 'auditor'] as const) {
      expect(userReferenceRefusal(who('user', `u-${role}`, [role]))).toBeUndefined();
    }
  });

  it('refuses a user without a reading role, and a request without a caller', () => {
    expect(userReferenceRefusal(who('user', 'u-none'))).toBe('resolving users needs the viewer role');
    expect(userReferenceRefusal(undefined)).toBe('resolving users needs a signed-in caller');
  });

  it('needs graphql:read of an API key, as a query does', () => {
    expect(userReferenceRefusal(who('api_key', 'k1', ['viewer'], ['graphql:read']))).toBeUndefined();
    expect(userReferenceRefusal(who('api_key', 'k2', ['viewer'], ['metrics:read']))).toBe(
      'resolving users needs an API key with scope graphql:read',
    );
  });

  it("lets the incidents service's token in, and no other service's", () => {
    expect(userReferenceRefusal(who('service', 'incidents'))).toBeUndefined();
    expect(userReferenceRefusal(who('service', 'gateway'))).toBe(
      'the gateway service may not resolve users (only incidents)',
    );
    expect(userReferenceRefusal(who('service', 'metrics'))).toMatch(/^the metrics service may not/);
  });
});
