import { Role } from '@keel/contracts';

// The rules a user record must satisfy, as pure functions: each returns the problem in words, or undefined.

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const DISPLAY_NAME_MAX_LENGTH = 200;

/** User names are case-insensitive: they are stored and compared in lower case. */
export function normalizeUsername(username: string): string {
  return username.toLowerCase();
}

export function usernameProblem(username: string): string | undefined {
  return USERNAME_PATTERN.test(username)
    ? undefined
    : `user name "${username}" must be 3 to 64 characters of a-z, 0-9, ".", "_" or "-"`;
}

export function displayNameProblem(displayName: string): string | undefined {
  if (displayName.trim() === '') return 'display name must not be empty';
  if (displayName.length > DISPLAY_NAME_MAX_LENGTH) {
    return `display name must have at most ${DISPLAY_NAME_MAX_LENGTH} characters`;
  }
  return undefined;
}

/** Roles without duplicates, in the enum's order, so that stored role lists compare equal. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  return Role.options.filter((role) => roles.includes(role));
}

export function rolesProblem(roles: readonly string[]): string | undefined {
  if (roles.length === 0) return `a user needs at least one role (${Role.options.join(', ')})`;
  const unknown = roles.filter((role) => !Role.safeParse(role).success);
  return unknown.length > 0 ? `unknown role(s) ${unknown.join(', ')}; known: ${Role.options.join(', ')}` : undefined;
}

export interface AdminStanding {
  roles: readonly Role[];
  disabled: boolean;
}

export function isEnabledAdmin(user: AdminStanding): boolean {
  return !user.disabled && user.roles.includes('admin');
}

/**
 * Refuses a change that would leave no enabled admin: nobody could manage users or API keys any more, and
 * only the `cli` service token could repair it.
 */
export function lastAdminProblem(
  username: string,
  before: AdminStanding,
  after: AdminStanding,
  enabledAdmins: number,
): string | undefined {
  if (!isEnabledAdmin(before) || isEnabledAdmin(after) || enabledAdmins > 1) return undefined;
  return `"${username}" is the last enabled admin; give another user the admin role first`;
}
