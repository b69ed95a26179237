import { satisfiesAnyRole, satisfiesRole } from './roles';

describe('roles', () => {
  it('orders viewer < responder < admin', () => {
    expect(satisfiesRole(['viewer'], 'viewer')).toBe(true);
    expect(satisfiesRole(['viewer'], 'responder')).toBe(false);
    expect(satisfiesRole(['responder'], 'viewer')).toBe(true);
    expect(satisfiesRole(['responder'], 'admin')).toBe(false);
    expect(satisfiesRole(['admin'], 'responder')).toBe(true);
  });

  it('lets an auditor read but not act', () => {
    expect(satisfiesRole(['auditor'], 'viewer')).toBe(true);
    expect(satisfiesRole(['auditor'], 'auditor')).toBe(true);
    expect(satisfiesRole(['auditor'], 'responder')).toBe(false);
    expect(satisfiesRole(['responder'], 'auditor')).toBe(false);
    expect(satisfiesRole(['admin'], 'auditor')).toBe(true);
  });

  it('needs one of several roles, and nothing for an empty requirement', () => {
    expect(satisfiesAnyRole(['viewer'], ['admin', 'auditor'])).toBe(false);
    expect(satisfiesAnyRole(['auditor'], ['admin', 'auditor'])).toBe(true);
    expect(satisfiesAnyRole([], [])).toBe(true);
    expect(satisfiesAnyRole([], ['viewer'])).toBe(false);
  });
});
