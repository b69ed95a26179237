import { Injectable } from '@nestjs/common';
import type { Role } from '@keel/contracts';
import { hashPassword, passwordProblem, verifyPassword, type Identity } from '@keel/auth';
import { isUuid } from '../common/uuid';
import { UserAccessEvents } from './user-access-events';
import type { UserEntity } from './user.entity';
import {
  displayNameProblem,
  lastAdminProblem,
  normalizeRoles,
  normalizeUsername,
  rolesProblem,
  usernameProblem,
} from './user-rules';
import { UsersRepository } from './users.repository';
import { UserErrorCode, UserException } from './users.exception';

export interface CreateUserCommand {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

function refuse(code: UserErrorCode, problem: string | undefined): void {
  if (problem !== undefined) throw UserException.invalid(code, problem);
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accessEvents: UserAccessEvents,
  ) {}

  async me(identity: Identity): Promise<UserEntity> {
    if (identity.type !== 'user') throw UserException.notAUser();
    return this.get(identity.id);
  }

  list(): Promise<UserEntity[]> {
    return this.users.list();
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.find(id);
    if (!user) throw UserException.notFound(id);
    return user;
  }

  /** Null for an unknown id, including ids of API keys and services that other subgraphs may hold as actors. */
  find(id: string): Promise<UserEntity | null> {
    return isUuid(id) ? this.users.findById(id) : Promise.resolve(null);
  }

  async create(command: CreateUserCommand): Promise<UserEntity> {
    const username = normalizeUsername(command.username);
    refuse(UserErrorCode.INVALID_USERNAME, usernameProblem(username));
    refuse(UserErrorCode.INVALID_DISPLAY_NAME, displayNameProblem(command.displayName));
    refuse(UserErrorCode.INVALID_ROLES, rolesProblem(command.roles));
    refuse(UserErrorCode.WEAK_PASSWORD, passwordProblem(command.password));
    // Checked before the (slow, deliberately) hash; the unique index still settles a race.
    if (await this.users.findByUsername(username)) throw UserException.usernameTaken(username);
    return this.users.insert({
      username,
      displayName: command.displayName.trim(),
      passwordHash: await hashPassword(command.password),
      roles: normalizeRoles(command.roles),
    });
  }

  /** New roles reach the user's access tokens at their next refresh (access tokens are short-lived). */
  updateRoles(id: string, roles: Role[]): Promise<UserEntity> {
    refuse(UserErrorCode.INVALID_ROLES, rolesProblem(roles));
    const next = normalizeRoles(roles);
    return this.users.withAdminLock(async (store) => {
      const user = isUuid(id) ? await store.findById(id) : null;
      if (!user) throw UserException.notFound(id);
      const problem = lastAdminProblem(user.username, user, { ...user, roles: next }, await store.countEnabledAdmins());
      if (problem) throw UserException.lastAdmin(problem);
      return (await store.update(id, { roles: next })) ?? user;
    });
  }

  /** Disabling is idempotent; it ends every refresh session of the user. */
  async disable(id: string): Promise<UserEntity> {
    const disabled = await this.users.withAdminLock(async (store) => {
      const user = isUuid(id) ? await store.findById(id) : null;
      if (!user) throw UserException.notFound(id);
      if (user.disabled) return user;
      const problem = lastAdminProblem(
        user.username,
        user,
        { ...user, disabled: true },
        await store.countEnabledAdmins(),
      );
      if (problem) throw UserException.lastAdmin(problem);
      return (await store.update(id, { disabled: true })) ?? user;
    });
    await this.accessEvents.accessRevoked(disabled.id, 'user_disabled');
    return disabled;
  }

  /** Changes the caller's own password and ends all of their refresh sessions: they sign in again. */
  async changePassword(identity: Identity, currentPassword: string, newPassword: string): Promise<UserEntity> {
    const user = await this.me(identity);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw UserException.invalid(UserErrorCode.WRONG_PASSWORD, 'the current password is not correct');
    }
    refuse(UserErrorCode.WEAK_PASSWORD, passwordProblem(newPassword));
    if (newPassword === currentPassword) {
      throw UserException.invalid(UserErrorCode.WEAK_PASSWORD, 'the new password must differ from the current one');
    }
    const updated = await this.users.update(user.id, { passwordHash: await hashPassword(newPassword) });
    await this.accessEvents.accessRevoked(user.id, 'password_changed');
    return updated ?? user;
  }
}
