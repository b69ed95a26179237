import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { isUniqueViolation } from '../database/postgres-errors';
import { UserEntity } from './user.entity';
import { UserException } from './users.exception';

export type NewUser = Pick<UserEntity, 'username' | 'displayName' | 'passwordHash' | 'roles'>;
export type UserChanges = Partial<
  Pick<UserEntity, 'displayName' | 'passwordHash' | 'roles' | 'disabled' | 'lastLoginAt'>
>;

const USERNAME_UNIQUE_INDEX = 'users_username_lower_key';
// Serializes changes that could remove the last enabled admin (see UsersService).
const ADMIN_LOCK = 'identity.users.admins';

/** The user table, through one EntityManager (the pool, or a transaction). */
export class UserStore {
  constructor(private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** `username` must already be lower case; the query matches the case-insensitive unique index. */
  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.username) = :username', { username }).getOne();
  }

  list(): Promise<UserEntity[]> {
    return this.users.find({ order: { username: 'ASC' } });
  }

  countEnabledAdmins(): Promise<number> {
    return this.users.createQueryBuilder('u').where(`'admin' = ANY(u.roles)`).andWhere('u.disabled = false').getCount();
  }

  async insert(user: NewUser): Promise<UserEntity> {
    try {
      return await this.users.save(this.users.create({ ...user, disabled: false, lastLoginAt: null }));
    } catch (error) {
      if (isUniqueViolation(error, USERNAME_UNIQUE_INDEX)) throw UserException.usernameTaken(user.username);
      throw error;
    }
  }

  /** Applies the changes and returns the updated user, or null when there is no such user. */
  async update(id: string, changes: UserChanges): Promise<UserEntity | null> {
    const result = await this.users.update({ id }, changes);
    return result.affected === 0 ? null : this.findById(id);
  }
}

@Injectable()
export class UsersRepository extends UserStore {
  constructor(private readonly dataSource: DataSource) {
    super(dataSource.getRepository(UserEntity));
  }

  /** Runs `work` in a transaction that holds the admin lock, so two admins cannot demote each other at once. */
  withAdminLock<T>(work: (store: UserStore) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ADMIN_LOCK]);
      return work(new UserStore(manager.getRepository(UserEntity)));
    });
  }
}
