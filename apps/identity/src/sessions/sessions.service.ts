import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  generateOpaqueToken,
  hashToken,
  TokenService,
  verifyAgainstDecoy,
  verifyPassword,
  type Identity,
} from '@keel/auth';
import { AUDIT_SINK, type AuditSink } from '@keel/graphql';
import type { IdentityConfig } from '../config';
import { IDENTITY_CONFIG } from '../identity-config.module';
import { UserAccessEvents } from '../users/user-access-events';
import type { UserEntity } from '../users/user.entity';
import { normalizeUsername } from '../users/user-rules';
import { UsersRepository } from '../users/users.repository';
import { decideRefresh } from './refresh-decision';
import { RefreshSessionsRepository } from './refresh-sessions.repository';
import type { RefreshSessionEntity } from './refresh-session.entity';
import { SessionException } from './sessions.exception';

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: RefreshSessionsRepository,
    private readonly tokens: TokenService,
    private readonly accessEvents: UserAccessEvents,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  onModuleInit(): void {
    this.accessEvents.onAccessRevoked(async (userId, reason) => {
      await this.sessions.revokeAllOfUser(userId, reason, new Date());
    });
  }

  /**
   * Unknown user, wrong password and disabled user all fail alike, after the same argon2 work, so neither
   * the answer nor its timing tells which user names exist.
   */
  async login(username: string, password: string): Promise<IssuedSession> {
    const user = await this.users.findByUsername(normalizeUsername(username));
    if (!user) {
      await verifyAgainstDecoy(password);
      throw SessionException.invalidCredentials();
    }
    const passwordMatches = await verifyPassword(user.passwordHash, password);
    if (!passwordMatches || user.disabled) throw SessionException.invalidCredentials();

    const now = new Date();
    const signedIn = (await this.users.update(user.id, { lastLoginAt: now })) ?? user;
    const refresh = this.newRefreshToken(now);
    const session = await this.sessions.insert({
      familyId: randomUUID(),
      userId: user.id,
      tokenHash: refresh.hash,
      expiresAt: refresh.expiresAt,
    });
    return this.issue(signedIn, refresh.token, session);
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const now = new Date();
    const current = await this.sessions.findByTokenHash(hashToken(refreshToken));
    const decision = decideRefresh(
      current ? { ...current, userActive: current.user !== undefined && !current.user.disabled } : undefined,
      now,
    );
    if (decision.action === 'revoke_family' && current) {
      await this.revokeStolenFamily(current, now);
      throw SessionException.invalidRefreshToken();
    }
    if (decision.action !== 'rotate' || !current?.user) throw SessionException.invalidRefreshToken();

    const refresh = this.newRefreshToken(now);
    const successor = await this.sessions.rotate(
      current.id,
      { familyId: current.familyId, userId: current.userId, tokenHash: refresh.hash, expiresAt: refresh.expiresAt },
      now,
    );
    if (!successor) {
      // Another request rotated the same token first: two holders of one token.
      await this.revokeStolenFamily(current, now);
      throw SessionException.invalidRefreshToken();
    }
    return this.issue(current.user, refresh.token, successor);
  }

  /** Ends the sign-in the token belongs to. Unknown tokens are ignored: logging out twice is fine. */
  async logout(refreshToken: string): Promise<void> {
    const current = await this.sessions.findByTokenHash(hashToken(refreshToken));
    if (current) await this.sessions.revokeFamily(current.familyId, 'logout', new Date());
  }

  private newRefreshToken(now: Date): { token: string; hash: string; expiresAt: Date } {
    const token = generateOpaqueToken();
    return {
      token,
      hash: hashToken(token),
      expiresAt: new Date(now.getTime() + this.config.JWT_REFRESH_TTL_SECONDS * 1000),
    };
  }

  private issue(user: UserEntity, refreshToken: string, session: RefreshSessionEntity): IssuedSession {
    const identity: Identity = { type: 'user', id: user.id, name: user.username, roles: [...user.roles], scopes: [] };
    const access = this.tokens.issueAccessToken(identity);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
      user,
    };
  }

  private async revokeStolenFamily(session: RefreshSessionEntity, now: Date): Promise<void> {
    const revoked = await this.sessions.revokeFamily(session.familyId, 'reuse_detected', now);
    this.logger.warn(
      { familyId: session.familyId, userId: session.userId, revoked },
      'refresh token reused: the whole session family is revoked',
    );
    try {
      await this.audit.record({
        action: 'identity.session.reuse_detected',
        actor: { type: 'system', id: 'identity', name: 'identity', roles: [] },
        resource: { type: 'session', id: session.familyId },
        outcome: 'success',
        reason: 'a rotated refresh token was presented again; every token of the session was revoked',
        details: { userId: session.userId, revokedTokens: revoked },
      });
    } catch (error) {
      this.logger.error({ err: error, familyId: session.familyId }, 'audit record could not be written');
    }
  }
}
