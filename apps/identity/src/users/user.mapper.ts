import { UserType } from './dto/user.type';
import type { UserEntity } from './user.entity';

/** The API view of a user: everything but the password hash. */
export function toUserType(user: UserEntity): UserType {
  return Object.assign(new UserType(), {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastLoginAt: user.lastLoginAt,
  });
}
