import { randomUUID } from 'node:crypto';
import type { Identity } from '@keel/auth';
import { UserAccessEvents } from './user-access-events';
import type { UserEntity } from './user.entity';
import type { NewUser, UserChanges, UsersRepository, UserStore } from './users.repository';
import { UserException } from './users.exception';
import { UsersService } from './users.service';

/** The repository's contract over a Map: enough to test the service's decisions without a database. */
class InMemoryUsers implements Pick<
  UserStore,
  'findById' | 'findByUsername' | 'list' | 'countEnabledAdmins' | 'insert' | 'update'
> {
  readonly rows = new Map<string, UserEntity>();

  async findById(id: string): Promise<UserEntity | null> {
    return this.rows.get(id) ?? null;
  }

  async findByUsername(username: string): Promise<UserEntity | null> {
    return [...this.rows.values()].find((user) => user.username === username) ?? null;
  }

  async list(): Promise<UserEntity[]> {
    return [...this.rows.values()];
  }

  async countEnabledAdmins(): Promise<number> {
    return [...this.rows.values()].filter((user) => user.roles.includes('admin') && !user.disabled).length;
  }

  async insert(user: NewUser): Promise<UserEntity> {
    const now = new Date();
    const row: UserEntity = {
      ...user,
      id: randomUUID(),
      disabled: false,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    this.rows.set(row.id, row);
    return row;
  }

  async update(id: string, changes: UserChanges): Promise<UserEntity | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    Object.assign(row, changes);
    return row;
  }

  withAdminLock<T>(work: (store: UserStore) => Promise<T>): Promise<T> {
    return work(this as unknown as UserStore);
  }
}

async function rejection(promise: Promise<unknown>): Promise<UserException> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof UserException)) throw new Error(`expected a UserException, got ${String(error)}`);
  return error;
}

describe('UsersService', () => {
  let repository: InMemoryUsers;
  let events: UserAccessEvents;
  let service: UsersService;
  const revoked: string[] = [];

  beforeEach(() => {
    repository = new InMemoryUsers();
    events = new UserAccessEvents();
    events.onAccessRevoked(async (userId, reason) => {
      revoked.push(`${userId}:${reason}`);
    });
    revoked.length = 0;
    service = new UsersService(repository as unknown as UsersRepository, events);
  });

  const input = {
    username: 'Grace',
    displayName: ' Grace Hopper ',
    password: 'a long enough password',
    roles: ['viewer' as const],
  };

  it('creates a user with a lower-case name, a trimmed display name and an argon2id hash', async () => {
    const user = await service.create(input);
    expect(user).toMatchObject({ username: 'grace', displayName: 'Grace Hopper', roles: ['viewer'], disabled: false });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a weak password as bad input naming the rule', async () => {
    const error = await rejection(service.create({ ...input, password: 'short' }));
    expect(error).toMatchObject({ category: 'BAD_USER_INPUT', code: 'WEAK_PASSWORD' });
    expect(error.message).toBe('password must have at least 12 characters');
  });

  it('refuses a bad user name and empty roles as bad input', async () => {
    expect(await rejection(service.create({ ...input, username: 'a b' }))).toMatchObject({
      category: 'BAD_USER_INPUT',
      code: 'INVALID_USERNAME',
    });
    expect(await rejection(service.create({ ...input, roles: [] }))).toMatchObject({ code: 'INVALID_ROLES' });
  });

  it('refuses a duplicate user name, whatever its case, as a conflict naming it', async () => {
    await service.create(input);
    const error = await rejection(service.create({ ...input, username: 'GRACE' }));
    expect(error).toMatchObject({
      category: 'CONFLICT',
      code: 'USERNAME_TAKEN',
      message: 'user name "grace" is already taken',
    });
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    expect(await rejection(service.get(randomUUID()))).toMatchObject({ category: 'NOT_FOUND' });
    expect(await rejection(service.get('not-a-uuid'))).toMatchObject({
      category: 'NOT_FOUND',
      message: 'user not-a-uuid does not exist',
    });
  });

  it('keeps at least one enabled admin', async () => {
    const root = await service.create({ ...input, username: 'root', roles: ['admin'] });
    expect(await rejection(service.updateRoles(root.id, ['viewer']))).toMatchObject({
      category: 'CONFLICT',
      code: 'LAST_ADMIN',
    });
    expect(await rejection(service.disable(root.id))).toMatchObject({ code: 'LAST_ADMIN' });

    const other = await service.create({ ...input, username: 'ops', roles: ['admin'] });
    expect((await service.updateRoles(root.id, ['responder'])).roles).toEqual(['responder']);
    expect(await rejection(service.disable(other.id))).toMatchObject({ code: 'LAST_ADMIN' });
  });

  it('ends the sessions of a disabled user', async () => {
    const user = await service.create(input);
    expect((await service.disable(user.id)).disabled).toBe(true);
    expect(revoked).toEqual([`${user.id}:user_disabled`]);
  });

  describe('changePassword', () => {
    it('needs the current password, a policy-conforming new one, and ends every session', async () => {
      const user = await service.create(input);
      const self: Identity = { type: 'user', id: user.id, name: user.username, roles: user.roles, scopes: [] };
      expect(await rejection(service.changePassword(self, 'not the password', 'another long password'))).toMatchObject({
        category: 'BAD_USER_INPUT',
        code: 'WRONG_PASSWORD',
      });
      expect(await rejection(service.changePassword(self, input.password, 'short'))).toMatchObject({
        code: 'WEAK_PASSWORD',
      });
      expect(revoked).toEqual([]);

      const before = user.passwordHash;
      await service.changePassword(self, input.password, 'another long password');
      expect(user.passwordHash).not.toBe(before);
      expect(revoked).toEqual([`${user.id}:password_changed`]);
    });

    it('is only for users, not API keys or services', async () => {
      const key: Identity = {
        type: 'api_key',
        id: 'abcdefghijkl',
        name: 'ci',
        roles: ['admin'],
        scopes: ['graphql:write'],
      };
      expect(await rejection(service.changePassword(key, 'x', 'y'))).toMatchObject({
        category: 'FORBIDDEN',
        code: 'NOT_A_USER',
      });
    });
  });
});
