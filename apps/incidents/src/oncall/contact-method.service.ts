import { Injectable } from '@nestjs/common';
import { satisfiesRole, type Identity } from '@keel/auth';
import { UserDirectory } from '../directory';
import type { ContactMethodEntity } from './contact-method.entity';
import { ContactMethodRepository } from './contact-method.repository';
import { parseContactMethods, type ContactMethodRequest } from './contact-methods';
import { OncallApiErrorCode, OncallException } from './oncall.exception';

@Injectable()
export class ContactMethodService {
  constructor(
    private readonly methods: ContactMethodRepository,
    private readonly users: UserDirectory,
  ) {}

  forUser(userId: string): Promise<ContactMethodEntity[]> {
    return this.methods.forUser(userId);
  }

  /**
   * Replaces the contact methods of `userId` (the caller when absent) with `methods`, in that order. A user sets
   * their own; only an admin sets someone else's, who must be a user of identity (refused by name otherwise).
   */
  async set(
    userId: string | null | undefined,
    requests: readonly ContactMethodRequest[],
    caller: Identity,
  ): Promise<ContactMethodEntity[]> {
    const target = userId?.trim() || caller.id;
    if (target !== caller.id && !satisfiesRole(caller.roles, 'admin')) {
      throw new OncallException(
        OncallApiErrorCode.CONTACT_METHODS_FORBIDDEN,
        `only an admin may set the contact methods of another user (${target})`,
      );
    }
    const parsed = parseContactMethods(requests);
    if (!parsed.ok) throw OncallException.invalid(OncallApiErrorCode.INVALID_CONTACT_METHODS, parsed.issues);
    // A signed-in user's own id is vouched for by the token; any other id (or a caller that is not a user) is not.
    // A disabled user's methods may still be cleaned up, so being disabled does not block this.
    if (caller.type !== 'user' || target !== caller.id) {
      await this.users.assertKnownUsers([target], { alreadyNamed: [target] });
    }
    return this.methods.replaceForUser(target, parsed.methods, caller.id);
  }
}
