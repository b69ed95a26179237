// A user's contact methods as pure rules: what a valid one is, and how its address may be shown. Webhook and Slack
// URLs carry their token in the path, so outside the delivery they are only ever shown as scheme and host.
import { redactUrl } from '@keel/delivery';
import { issue, type ValidationIssue } from './oncall-validation';

export const CONTACT_METHOD_KINDS = ['webhook', 'slack', 'email'] as const;
export type ContactMethodKind = (typeof CONTACT_METHOD_KINDS)[number];

export const MAX_CONTACT_METHODS = 10;
const MAX_URL_LENGTH = 2048;
const MAX_EMAIL_LENGTH = 254;
// Deliberately plain: one @, no spaces, a dot in the domain. The SMTP server is the final judge.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A contact method as stored: its address is the email address or the URL. */
export interface ContactMethodCommand {
  kind: ContactMethodKind;
  /** An email address (email) or an http(s) URL (webhook, slack). */
  address: string;
  enabled: boolean;
}

/** A contact method as the API takes it: `email` for EMAIL, `secretUrl` for WEBHOOK and SLACK. */
export interface ContactMethodRequest {
  kind: ContactMethodKind;
  email?: string | null;
  secretUrl?: string | null;
  enabled?: boolean | null;
}

/**
 * The user's list as stored, or every problem of it, each naming its field (`methods[1].secretUrl …`). A URL is
 * never repeated in a message: it is a secret.
 */
export function parseContactMethods(
  requests: readonly ContactMethodRequest[],
): { ok: true; methods: ContactMethodCommand[] } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  if (requests.length > MAX_CONTACT_METHODS) {
    issues.push(issue('methods', `must have at most ${MAX_CONTACT_METHODS} entries, got ${requests.length}`));
  }
  const methods: ContactMethodCommand[] = [];
  const seen = new Set<string>();
  requests.forEach((request, i) => {
    const at = `methods[${i}]`;
    const email = request.email?.trim() ?? '';
    const url = request.secretUrl?.trim() ?? '';
    let address: string;
    if (request.kind === 'email') {
      if (url !== '') issues.push(issue(`${at}.secretUrl`, 'must be absent for an email contact method'));
      if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
        issues.push(issue(`${at}.email`, 'must be an email address like oncall@example.com'));
      }
      address = email;
    } else if (request.kind === 'webhook' || request.kind === 'slack') {
      if (email !== '') issues.push(issue(`${at}.email`, `must be absent for a ${request.kind} contact method`));
      const parsed = URL.parse(url);
      if (
        parsed === null ||
        (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
        url.length > MAX_URL_LENGTH
      ) {
        issues.push(
          issue(`${at}.secretUrl`, `must be an http:// or https:// URL of at most ${MAX_URL_LENGTH} characters`),
        );
      }
      address = url;
    } else {
      issues.push(issue(`${at}.kind`, `must be webhook, slack or email, got ${JSON.stringify(request.kind)}`));
      return;
    }
    const key = `${request.kind} ${address.toLowerCase()}`;
    if (seen.has(key)) issues.push(issue(at, `repeats an earlier ${request.kind} contact method`));
    seen.add(key);
    methods.push({ kind: request.kind, address, enabled: request.enabled ?? true });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, methods };
}

/** The address as the API shows it: email in full, a URL as scheme and host only. */
export function shownAddress(kind: ContactMethodKind, address: string): string {
  return kind === 'email' ? address : redactUrl(address);
}
