import { KeelError } from '@keel/graphql';

export enum UserErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  INVALID_USERNAME = 'INVALID_USERNAME',
  INVALID_DISPLAY_NAME = 'INVALID_DISPLAY_NAME',
  INVALID_ROLES = 'INVALID_ROLES',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  LAST_ADMIN = 'LAST_ADMIN',
  NOT_A_USER = 'NOT_A_USER',
  USER_LOOKUP_FORBIDDEN = 'USER_LOOKUP_FORBIDDEN',
}

export class UserException extends KeelError<UserErrorCode> {
  static notFound(id: string): UserException {
    return new UserException('NOT_FOUND', UserErrorCode.USER_NOT_FOUND, `user ${id} does not exist`);
  }

  static usernameTaken(username: string): UserException {
    return new UserException('CONFLICT', UserErrorCode.USERNAME_TAKEN, `user name "${username}" is already taken`);
  }

  static invalid(code: UserErrorCode, message: string): UserException {
    return new UserException('BAD_USER_INPUT', code, message);
  }

  static lastAdmin(message: string): UserException {
    return new UserException('CONFLICT', UserErrorCode.LAST_ADMIN, message);
  }

  static notAUser(): UserException {
    return new UserException(
      'FORBIDDEN',
      UserErrorCode.NOT_A_USER,
      'only a signed-in user has a user account; API keys and services do not',
    );
  }

  static lookupForbidden(message: string): UserException {
    return new UserException('FORBIDDEN', UserErrorCode.USER_LOOKUP_FORBIDDEN, message);
  }
}
