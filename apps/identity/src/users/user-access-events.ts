import { Injectable } from '@nestjs/common';

export type AccessRevocationReason = 'user_disabled' | 'password_changed';
export type AccessRevokedListener = (userId: string, reason: AccessRevocationReason) => Promise<void>;

/**
 * Tells other features that a user's existing sessions must end (disabled, password changed). Sessions
 * subscribe here, so users/ does not depend on sessions/ while sessions/ depends on users/.
 */
@Injectable()
export class UserAccessEvents {
  private readonly listeners: AccessRevokedListener[] = [];

  onAccessRevoked(listener: AccessRevokedListener): void {
    this.listeners.push(listener);
  }

  async accessRevoked(userId: string, reason: AccessRevocationReason): Promise<void> {
    for (const listener of this.listeners) await listener(userId, reason);
  }
}
