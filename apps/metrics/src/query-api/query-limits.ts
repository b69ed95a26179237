import { envInteger } from '@keel/config';

/** The query limits of the Prometheus API and the subgraph, validated with the rest of the config at boot. */
export const queryEnv = {
  METRICS_QUERY_MAX_SAMPLES: envInteger({ min: 1 })
    .default(50_000_000)
    .describe('Most samples one query may load or produce (Prometheus --query.max-samples); above: 422 execution'),
  METRICS_QUERY_TIMEOUT_SECONDS: envInteger({ min: 1, max: 3600 })
    .default(120)
    .describe('Longest a query may run (Prometheus --query.timeout); the `timeout` parameter may only shorten it'),
};

export interface QueryLimits {
  maxSamples: number;
  timeoutMs: number;
  /** How far back an instant selector looks (Prometheus' --query.lookback-delta). */
  lookbackDeltaMs: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxSamples: 50_000_000,
  timeoutMs: 120_000,
  lookbackDeltaMs: 5 * 60_000,
};

export function queryLimitsFromConfig(config: {
  METRICS_QUERY_MAX_SAMPLES: number;
  METRICS_QUERY_TIMEOUT_SECONDS: number;
}): QueryLimits {
  return {
    ...DEFAULT_QUERY_LIMITS,
    maxSamples: config.METRICS_QUERY_MAX_SAMPLES,
    timeoutMs: config.METRICS_QUERY_TIMEOUT_SECONDS * 1000,
  };
}

export const QUERY_LIMITS = Symbol('QUERY_LIMITS');
