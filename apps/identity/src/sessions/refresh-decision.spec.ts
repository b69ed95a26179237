import { decideRefresh, type PresentedRefreshToken } from './refresh-decision';

const now = new Date('2026-11-26T12:00:00Z');
const live: PresentedRefreshToken = {
  expiresAt: new Date('2026-12-01T00:00:00Z'),
  revokedAt: null,
  revokedReason: null,
  userActive: true,
};

describe('decideRefresh', () => {
  it('rotates a live token of an active user', () => {
    expect(decideRefresh(live, now)).toEqual({ action: 'rotate' });
  });

  it('rejects an unknown token', () => {
    expect(decideRefresh(undefined, now)).toEqual({ action: 'reject', why: 'unknown' });
  });

  it('treats a rotated token presented again as theft and revokes the family', () => {
    const rotated = { ...live, revokedAt: new Date('2026-11-26T11:00:00Z'), revokedReason: 'rotated' as const };
    expect(decideRefresh(rotated, now)).toEqual({ action: 'revoke_family', why: 'reuse_detected' });
    // Even when it has expired since: reuse is what matters.
    expect(decideRefresh({ ...rotated, expiresAt: new Date('2026-11-01T00:00:00Z') }, now).action).toBe(
      'revoke_family',
    );
  });

  it('rejects tokens revoked for other reasons without more action', () => {
    for (const reason of ['logout', 'reuse_detected', 'user_disabled', 'password_changed'] as const) {
      expect(decideRefresh({ ...live, revokedAt: now, revokedReason: reason }, now)).toEqual({
        action: 'reject',
        why: 'revoked',
      });
    }
  });

  it('rejects an expired token, including one expiring this instant', () => {
    expect(decideRefresh({ ...live, expiresAt: new Date('2026-11-26T11:59:59Z') }, now)).toEqual({
      action: 'reject',
      why: 'expired',
    });
    expect(decideRefresh({ ...live, expiresAt: now }, now).action).toBe('reject');
  });

  it('rejects the token of a disabled or deleted user', () => {
    expect(decideRefresh({ ...live, userActive: false }, now)).toEqual({ action: 'reject', why: 'user_inactive' });
  });
});
