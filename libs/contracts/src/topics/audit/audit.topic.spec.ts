import { parseContract } from '../../parse-contract';
import { type AuditEventInput, auditTopic } from './audit.topic';

const event: AuditEventInput = {
  eventId: '7e4a0c69-1f35-4b8d-a2c4-9f6b3e5d0a12',
  occurredAt: '2026-11-26T15:04:00Z',
  service: 'identity',
  actor: { type: 'service', id: 'maintenance', roles: [] },
  action: 'identity.api_key.revoked',
  resource: { type: 'api_key', id: 'key_7f3a' },
  outcome: 'success',
};

describe('keel.audit.v1', () => {
  it('partitions by resource type and id', () => {
    const result = parseContract(auditTopic, event);
    expect(result.ok && auditTopic.key(result.value)).toBe('api_key:key_7f3a');
  });

  it('defaults details to an empty record', () => {
    const result = parseContract(auditTopic, event);
    expect(result.ok && result.value.details).toEqual({});
  });

  it.each(['identity.user.created', 'backup.restore.requested', 'a.b', 'audit.chain_v2.verified'])(
    'accepts the action %s',
    (action) => {
      expect(parseContract(auditTopic, { ...event, action }).ok).toBe(true);
    },
  );

  it.each(['login', 'Identity.user.created', 'identity..created', 'identity.user.', 'identity.2fa.enabled'])(
    'refuses the action %s',
    (action) => {
      expect(parseContract(auditTopic, { ...event, action })).toEqual({
        ok: false,
        reason: expect.stringMatching(/^action: must be a dotted lower-case action/),
      });
    },
  );
});
