import type { TokenService } from '@keel/auth';
import type { InstantVector, RuleQuerier } from '@keel/rules';
import { ALERTING_SERVICE, type AlertingConfig } from '../config';

/** Where rule queries go: Keel's metrics service or any server speaking the Prometheus HTTP API. */
export interface DataSourceOptions {
  baseUrl: string;
  timeoutMs: number;
  /** The Authorization header of each request (a fresh Keel service token, or a configured bearer token). */
  authorization?: () => string | undefined;
  fetch?: typeof fetch;
}

interface PromEnvelope {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

type PromSample = { metric?: Record<string, string>; value?: [number, string] };

/** A rule query failed: the data source's error, or why its answer could not be used. */
export class DataSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataSourceError';
  }
}

function sampleValue(raw: string): number {
  // Prometheus prints +Inf, -Inf and NaN; Number() reads "Infinity" only.
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(raw);
}

/**
 * Runs each rule query as an instant query (`POST /api/v1/query`, form-encoded, like Grafana and Prometheus'
 * own clients) and turns the answer into the vector a rule sees: a scalar becomes one sample without labels, as
 * Prometheus' rule manager does, and a string or matrix is refused.
 */
export class PrometheusHttpQuerier implements RuleQuerier {
  private readonly url: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: DataSourceOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/query`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async query(expr: string, timeMs: number): Promise<InstantVector> {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': 'Keel-Alerting/0.1',
    };
    const authorization = this.options.authorization?.();
    if (authorization) headers['authorization'] = authorization;
    const body = new URLSearchParams({ query: expr, time: (timeMs / 1000).toFixed(3) });
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `timed out after ${this.options.timeoutMs} ms`
          : (error as Error).message;
      throw new DataSourceError(`query failed: ${reason}`);
    }
    const text = await response.text();
    let envelope: PromEnvelope;
    try {
      envelope = JSON.parse(text) as PromEnvelope;
    } catch {
      throw new DataSourceError(
        `query failed: HTTP ${response.status}, not a Prometheus API answer: ${text.slice(0, 200)}`,
      );
    }
    if (envelope.status !== 'success') {
      throw new DataSourceError(
        envelope.error
          ? `${envelope.errorType ?? 'error'}: ${envelope.error}`
          : `query failed: HTTP ${response.status}`,
      );
    }
    return toVector(envelope.data);
  }
}

export function toVector(data: PromEnvelope['data']): InstantVector {
  switch (data?.resultType) {
    case 'vector':
      return ((data.result ?? []) as PromSample[]).map((s) => ({
        labels: s.metric ?? {},
        value: sampleValue(s.value?.[1] ?? 'NaN'),
      }));
    case 'scalar': {
      const [, raw] = data.result as [number, string];
      return [{ labels: {}, value: sampleValue(raw) }];
    }
    default:
      throw new DataSourceError(`rule result is not a vector or scalar: ${data?.resultType ?? 'nothing'}`);
  }
}

const TOKEN_RENEWAL_MARGIN_MS = 15_000;

/**
 * The Authorization header of rule queries: `keel` signs a short service token (renewed before it expires),
 * `bearer` sends the configured token, `none` sends nothing (a Prometheus without authentication).
 */
export function dataSourceAuthorization(
  config: Pick<AlertingConfig, 'ALERTING_DATASOURCE_AUTH' | 'ALERTING_DATASOURCE_TOKEN'>,
  tokens: Pick<TokenService, 'issueServiceToken'>,
): () => string | undefined {
  switch (config.ALERTING_DATASOURCE_AUTH) {
    case 'none':
      return () => undefined;
    case 'bearer':
      return () => `Bearer ${config.ALERTING_DATASOURCE_TOKEN ?? ''}`;
    case 'keel': {
      let current: { token: string; expiresAt: Date } | undefined;
      return () => {
        if (!current || current.expiresAt.getTime() - Date.now() < TOKEN_RENEWAL_MARGIN_MS) {
          current = tokens.issueServiceToken(ALERTING_SERVICE);
        }
        return `Bearer ${current.token}`;
      };
    }
  }
}
