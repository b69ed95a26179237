// The page itself, as pure rendering: one JSON body for webhooks, a Slack incoming-webhook body, and an email.
// Levels and passes are shown counting from 1, as people count them.

export interface EscalationPage {
  incident: { id: string; title: string; severity: string; status: string };
  policy: { id: string; name: string | null };
  levelIndex: number;
  pass: number;
  /** When the step fired (ISO, UTC). */
  stepAt: string;
  recipientId: string;
}

export const ESCALATION_WEBHOOK_VERSION = '1';

function headline(page: EscalationPage): string {
  const repeat = page.pass > 0 ? `, repeat ${page.pass}` : '';
  return `[${page.incident.severity}] ${page.incident.title} — escalation level ${page.levelIndex + 1}${repeat}`;
}

/** The webhook body: plain data a receiver can route on. */
export function escalationWebhookBody(page: EscalationPage): Record<string, unknown> {
  return {
    version: ESCALATION_WEBHOOK_VERSION,
    type: 'incident.escalation',
    incident: page.incident,
    escalation: {
      policyId: page.policy.id,
      level: page.levelIndex + 1,
      pass: page.pass + 1,
      firedAt: page.stepAt,
    },
    recipient: { userId: page.recipientId },
    summary: headline(page),
  };
}

/** A Slack incoming-webhook body. */
export function escalationSlackBody(page: EscalationPage): { text: string } {
  return {
    text:
      `:rotating_light: ${headline(page)}\n` +
      `Incident ${page.incident.id} is ${page.incident.status} and not acknowledged (policy ${page.policy.name ?? page.policy.id}).`,
  };
}

export function escalationEmail(page: EscalationPage): { subject: string; text: string } {
  return {
    subject: `Keel page: ${headline(page)}`,
    text: [
      `You are paged for incident ${page.incident.id}.`,
      '',
      `Title: ${page.incident.title}`,
      `Severity: ${page.incident.severity}`,
      `Status: ${page.incident.status}`,
      `Escalation policy: ${page.policy.name ?? page.policy.id}, level ${page.levelIndex + 1}, pass ${page.pass + 1}`,
      `Fired at: ${page.stepAt}`,
      '',
      'Acknowledge the incident in Keel to stop the escalation.',
      '',
    ].join('\n'),
  };
}
