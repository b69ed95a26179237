import { escalationEmail, escalationSlackBody, escalationWebhookBody, type EscalationPage } from './escalation-message';

const page: EscalationPage = {
  incident: { id: 'inc-1', title: 'Checkout down', severity: 'P1', status: 'investigating' },
  policy: { id: 'default', name: 'Primary' },
  levelIndex: 1,
  pass: 0,
  stepAt: '2024-03-05T10:05:00.000Z',
  recipientId: 'bob',
};

describe('escalation messages', () => {
  it('gives webhooks a routable body counting levels and passes from 1', () => {
    expect(escalationWebhookBody(page)).toEqual({
      version: '1',
      type: 'incident.escalation',
      incident: page.incident,
      escalation: { policyId: 'default', level: 2, pass: 1, firedAt: '2024-03-05T10:05:00.000Z' },
      recipient: { userId: 'bob' },
      summary: '[P1] Checkout down — escalation level 2',
    });
  });

  it('names the repeat in the Slack text and the email subject', () => {
    const repeated = { ...page, pass: 2 };
    expect(escalationSlackBody(repeated).text).toContain('[P1] Checkout down — escalation level 2, repeat 2');
    expect(escalationEmail(repeated).subject).toBe('Keel page: [P1] Checkout down — escalation level 2, repeat 2');
    expect(escalationEmail(repeated).text).toContain('Escalation policy: Primary, level 2, pass 3');
  });
});
