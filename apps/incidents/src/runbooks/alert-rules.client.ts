import { Inject, Injectable } from '@nestjs/common';
import { TokenService } from '@keel/auth';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import { alertRuleNamesOf } from './alert-rules';

export type AlertRuleNames = { ok: true; names: string[] } | { ok: false; error: string };

const SERVICE = 'incidents';
const TOKEN_RENEWAL_MARGIN_MS = 15_000;

/**
 * Asks the alerting service for its alert rules (`GET {ALERTING_BASE_URL}/api/v1/rules?type=alert`), authenticated
 * as the alerting service authenticates to the metrics service: `keel` signs a short service token with the
 * shared JWT secret (renewed before it expires), `bearer` sends INCIDENTS_ALERTING_TOKEN (e.g. an API key with
 * metrics:read), `none` nothing. Never throws: an unreachable or failing API is an `error` the report shows.
 */
@Injectable()
export class AlertRulesClient {
  private token: { token: string; expiresAt: Date } | undefined;

  constructor(
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
    private readonly tokens: TokenService,
  ) {}

  async ruleNames(): Promise<AlertRuleNames> {
    const url = `${this.config.ALERTING_BASE_URL.replace(/\/+$/, '')}/api/v1/rules?type=alert`;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Keel-Incidents/0.1' };
    const authorization = this.authorization();
    if (authorization) headers['authorization'] = authorization;
    const timeoutMs = this.config.INCIDENTS_ALERTING_TIMEOUT_MS;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : causeOf(error);
      return { ok: false, error: `alerting API ${url} is unreachable: ${reason}` };
    }
    const text = await response.text();
    if (!response.ok) {
      return { ok: false, error: `alerting API ${url} answered HTTP ${response.status}: ${text.slice(0, 200)}` };
    }
    try {
      return { ok: true, names: alertRuleNamesOf(JSON.parse(text)) };
    } catch (error) {
      return { ok: false, error: `alerting API ${url} gave an unusable answer: ${(error as Error).message}` };
    }
  }

  private authorization(): string | undefined {
    switch (this.config.INCIDENTS_ALERTING_AUTH) {
      case 'none':
        return undefined;
      case 'bearer':
        return `Bearer ${this.config.INCIDENTS_ALERTING_TOKEN ?? ''}`;
      case 'keel':
        if (!this.token || this.token.expiresAt.getTime() - Date.now() < TOKEN_RENEWAL_MARGIN_MS) {
          this.token = this.tokens.issueServiceToken(SERVICE);
        }
        return `Bearer ${this.token.token}`;
    }
  }
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND) in its cause. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error
    ? `${error.message} (${(cause as Error & { code?: string }).code ?? cause.message})`
    : error.message;
}
