import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, type TokenSettings } from '@keel/auth';
import { auditTopic } from '@keel/contracts';
import { DatabaseModule } from '@keel/database';
import { KafkaAuditSink, SubgraphModule } from '@keel/graphql';
import { KAFKA_CLIENT, KafkaModule, type KafkaClient } from '@keel/kafka';
import { ObservabilityModule } from '@keel/observability';
import { METRICS_CONFIG, METRICS_SERVICE, type MetricsCoreConfig } from './config';
import { metricsDataSourceOptions } from './database/data-source-options';
import { ingestContract } from './ingest/ingest-contract';
import { IngestModule } from './ingest/ingest.module';
import { MetricsGraphqlModule } from './metrics-graphql/metrics-graphql.module';
import { DEFAULT_QUERY_LIMITS, QueryApiModule, QueryModule, type QueryLimits } from './query-api';
import { RemoteWriteModule } from './remote-write';
import { StorageModule } from './storage/storage.module';

export interface MetricsAppOptions {
  /** Run the Kafka ingest consumer in this process. */
  ingest: boolean;
  /** The `service` field of log lines: `metrics`, or `metrics-ingest` for the worker. */
  service?: string;
  /**
   * Serve the authenticated HTTP API (remote write, the Prometheus query API, the `metrics` subgraph) with these
   * token settings and query limits (default: DEFAULT_QUERY_LIMITS). The ingest worker serves none and needs no
   * token secret.
   */
  api?: MetricsApiOptions;
}

export interface MetricsApiOptions {
  tokens: TokenSettings;
  identityBaseUrl: string;
  queryLimits?: QueryLimits;
  /** Introspection off. */
  production?: boolean;
}

/** Tools such as Prometheus (remote write) and Grafana call the metrics service directly, with API keys. */
function apiAuth(api: MetricsApiOptions): DynamicModule {
  return AuthModule.forRoot({
    useFactory: () => api.tokens,
    apiKeys: { identityBaseUrl: api.identityBaseUrl, serviceName: METRICS_SERVICE },
  });
}

/** What the HTTP process serves besides health: remote write, the query API and the subgraph. */
function apiModules(api: MetricsApiOptions): NonNullable<DynamicModule['imports']> {
  return [
    apiAuth(api),
    RemoteWriteModule,
    QueryModule.forRoot(api.queryLimits ?? DEFAULT_QUERY_LIMITS),
    QueryApiModule,
    SubgraphModule.forRoot({
      service: METRICS_SERVICE,
      production: api.production ?? false,
      auditSink: {
        useFactory: (kafka: KafkaClient) => new KafkaAuditSink(kafka.publisher(), METRICS_SERVICE),
        inject: [KAFKA_CLIENT],
      },
    }),
    MetricsGraphqlModule,
  ];
}

/** The metrics service, built from a config validated beforehand (main.ts, ingest-worker.ts or a test's own). */
@Module({})
export class AppModule {
  static forConfig(config: MetricsCoreConfig, options: MetricsAppOptions): DynamicModule {
    const configProvider = { provide: METRICS_CONFIG, useValue: config };
    return {
      module: AppModule,
      global: true,
      providers: [configProvider],
      exports: [configProvider],
      imports: [
        ObservabilityModule.forRoot({
          service: options.service ?? METRICS_SERVICE,
          logLevel: config.LOG_LEVEL,
          readiness: { database: true, kafka: true },
        }),
        DatabaseModule.forRoot({
          useFactory: () => ({
            url: config.DATABASE_URL,
            ...metricsDataSourceOptions(config.DATABASE_SCHEMA, config.DATABASE_POOL_MAX),
          }),
        }),
        KafkaModule.forRoot({
          useFactory: () => ({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? METRICS_SERVICE }),
          // The subgraph's audit sink publishes keel.audit.v1 (no mutations today, but every subgraph may).
          topics: [ingestContract(config.METRICS_INGEST_TOPIC), ...(options.api ? [auditTopic] : [])],
        }),
        StorageModule,
        ...(options.ingest ? [IngestModule] : []),
        ...(options.api ? apiModules(options.api) : []),
      ],
    };
  }
}
