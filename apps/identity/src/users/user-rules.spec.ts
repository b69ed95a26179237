import {
  displayNameProblem,
  lastAdminProblem,
  normalizeRoles,
  normalizeUsername,
  rolesProblem,
  usernameProblem,
} from './user-rules';

describe('user rules', () => {
  it('accepts user names of 3 to 64 characters of a-z, 0-9, ".", "_" and "-"', () => {
    expect(usernameProblem('ana')).toBeUndefined();
    expect(usernameProblem('grace.hopper_1-x')).toBeUndefined();
    expect(usernameProblem('a'.repeat(64))).toBeUndefined();
  });

  it('names the rule a bad user name breaks', () => {
    expect(usernameProblem('ab')).toBe('user name "ab" must be 3 to 64 characters of a-z, 0-9, ".", "_" or "-"');
    expect(usernameProblem('a'.repeat(65))).toMatch(/3 to 64 characters/);
    expect(usernameProblem('ana maria')).toMatch(/"ana maria"/);
    expect(usernameProblem('Ana')).toBeDefined();
  });

  it('compares user names case-insensitively by storing them in lower case', () => {
    expect(normalizeUsername('Grace.Hopper')).toBe('grace.hopper');
    expect(usernameProblem(normalizeUsername('Ana'))).toBeUndefined();
  });

  it('needs a display name that is not blank and not too long', () => {
    expect(displayNameProblem('Grace Hopper')).toBeUndefined();
    expect(displayNameProblem('   ')).toBe('display name must not be empty');
    expect(displayNameProblem('x'.repeat(201))).toBe('display name must have at most 200 characters');
  });

  it('needs at least one known role and stores roles once, in a fixed order', () => {
    expect(rolesProblem([])).toMatch(/at least one role/);
    expect(rolesProblem(['viewer', 'root'])).toBe('unknown role(s) root; known: viewer, responder, admin, auditor');
    expect(rolesProblem(['auditor'])).toBeUndefined();
    expect(normalizeRoles(['admin', 'viewer', 'admin'])).toEqual(['viewer', 'admin']);
  });

  describe('the last enabled admin', () => {
    const admin = { roles: ['admin' as const], disabled: false };

    it('cannot be demoted or disabled', () => {
      expect(lastAdminProblem('root', admin, { roles: ['viewer'], disabled: false }, 1)).toBe(
        '"root" is the last enabled admin; give another user the admin role first',
      );
      expect(lastAdminProblem('root', admin, { ...admin, disabled: true }, 1)).toMatch(/last enabled admin/);
    });

    it('can be changed while another admin remains', () => {
      expect(lastAdminProblem('root', admin, { roles: ['viewer'], disabled: false }, 2)).toBeUndefined();
    });

    it('is not concerned by changes that keep the admin or touch a non-admin', () => {
      expect(lastAdminProblem('root', admin, { roles: ['admin', 'auditor'], disabled: false }, 1)).toBeUndefined();
      expect(
        lastAdminProblem('ana', { roles: ['viewer'], disabled: false }, { roles: ['viewer'], disabled: true }, 1),
      ).toBeUndefined();
      expect(
        lastAdminProblem('old', { roles: ['admin'], disabled: true }, { roles: ['viewer'], disabled: true }, 1),
      ).toBeUndefined();
    });
  });
});
