import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, type TokenSettings } from '@keel/auth';
import { DatabaseModule } from '@keel/database';
import { KafkaModule } from '@keel/kafka';
import { ObservabilityModule } from '@keel/observability';
import { METRICS_CONFIG, METRICS_SERVICE, type MetricsCoreConfig } from './config';
import { metricsDataSourceOptions } from './database/data-source-options';
import { ingestContract } from './ingest/ingest-contract';
import { IngestModule } from './ingest/ingest.module';
import { RemoteWriteModule } from './remote-write';
import { StorageModule } from './storage/storage.module';

export interface MetricsAppOptions {
  /** Run the Kafka ingest consumer in this process. */
  ingest: boolean;
  /** The `service` field of log lines: `metrics`, or `metrics-ingest` for the worker. */
  service?: string;
  /**
   * Serve the authenticated HTTP API (remote write; the query API next) with these token settings. The ingest
   * worker serves none and needs no token secret.
   */
  api?: { tokens: TokenSettings; identityBaseUrl: string };
}

/** Tools such as Prometheus (remote write) and Grafana call the metrics service directly, with API keys. */
function apiAuth(api: { tokens: TokenSettings; identityBaseUrl: string }): DynamicModule {
  return AuthModule.forRoot({
    useFactory: () => api.tokens,
    apiKeys: { identityBaseUrl: api.identityBaseUrl, serviceName: METRICS_SERVICE },
  });
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
          topics: [ingestContract(config.METRICS_INGEST_TOPIC)],
        }),
        StorageModule,
        ...(options.ingest ? [IngestModule] : []),
        ...(options.api ? [apiAuth(options.api), RemoteWriteModule] : []),
      ],
    };
  }
}
