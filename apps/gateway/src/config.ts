import { z } from 'zod';
import { authEnv, envInteger, envList, envUrl, httpEnv, logEnv, runtimeEnv } from '@keel/config';

export const gatewayConfigSchema = z.object({
  ...runtimeEnv,
  ...httpEnv,
  PORT: envInteger({ min: 1, max: 65535 }).default(4000).describe('HTTP port of the gateway'),
  ...authEnv,
  ...logEnv,
  IDENTITY_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4101/graphql')
    .describe('GraphQL endpoint of the identity subgraph'),
  INCIDENTS_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4102/graphql')
    .describe('GraphQL endpoint of the incidents subgraph'),
  METRICS_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4103/graphql')
    .describe('GraphQL endpoint of the metrics subgraph'),
  ALERTING_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4104/graphql')
    .describe('GraphQL endpoint of the alerting subgraph'),
  SUPERGRAPH_FILE: z
    .string()
    .default('apps/gateway/supergraph.graphql')
    .describe('The composed supergraph SDL (committed)'),
  CORS_ORIGINS: envList({ item: /^https?:\/\/[^\s,]+$/, itemName: 'origin URL' })
    .default(['http://localhost:3000', 'http://127.0.0.1:3000'])
    .describe('Browser origins allowed to call the API (the portal)'),
  GRAPHQL_MAX_DEPTH: envInteger({ min: 1, max: 100 })
    .default(12)
    .describe('Deepest selection nesting an operation may have'),
  GRAPHQL_MAX_ALIASES: envInteger({ min: 0, max: 1000 }).default(30).describe('Most aliased fields in one operation'),
  GRAPHQL_MAX_COST: envInteger({ min: 1 }).default(10_000).describe('Highest estimated cost of one operation'),
  UPSTREAM_TIMEOUT_MS: envInteger({ min: 100 }).default(10_000).describe('Time limit of one subgraph request'),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Subgraph name → the config variable holding its URL (see apps/gateway/subgraphs.json). */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return {
    identity: config.IDENTITY_URL,
    incidents: config.INCIDENTS_URL,
    metrics: config.METRICS_URL,
    alerting: config.ALERTING_URL,
  };
}
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
