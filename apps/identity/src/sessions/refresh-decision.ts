export type RevocationReason = 'rotated' | 'logout' | 'reuse_detected' | 'user_disabled' | 'password_changed';

/** What the refresh decision needs to know about the presented token and its user. */
export interface PresentedRefreshToken {
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: RevocationReason | null;
  /** False when the user is disabled or gone. */
  userActive: boolean;
}

export type RefreshDecision =
  | { action: 'rotate' }
  | { action: 'reject'; why: 'unknown' | 'expired' | 'revoked' | 'user_inactive' }
  /** A token that was already rotated is presented again: someone holds a copy. End the whole family. */
  | { action: 'revoke_family'; why: 'reuse_detected' };

/**
 * Refresh token rotation with reuse detection. The caller gets the same answer for every refusal, so the
 * reasons here are for logs and audit only.
 */
export function decideRefresh(token: PresentedRefreshToken | undefined, now: Date): RefreshDecision {
  if (!token) return { action: 'reject', why: 'unknown' };
  if (token.revokedAt) {
    return token.revokedReason === 'rotated'
      ? { action: 'revoke_family', why: 'reuse_detected' }
      : { action: 'reject', why: 'revoked' };
  }
  if (token.expiresAt.getTime() <= now.getTime()) return { action: 'reject', why: 'expired' };
  if (!token.userActive) return { action: 'reject', why: 'user_inactive' };
  return { action: 'rotate' };
}
