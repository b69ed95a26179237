import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useObservabilityLogger } from '@keel/observability';
import { AppModule, type MetricsAppOptions } from './app.module';
import type { MetricsCoreConfig } from './config';

/** Builds the metrics application (main.ts, ingest-worker.ts, the integration tests and the benchmark). */
export async function createMetricsApp(
  config: MetricsCoreConfig,
  options: MetricsAppOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config, options), { bufferLogs: true });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  return app;
}
