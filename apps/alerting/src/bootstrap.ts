import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useObservabilityLogger } from '@keel/observability';
import { AppModule } from './app.module';
import type { AlertingConfig } from './config';

/** Builds the alerting application (main.ts, the integration tests and the benchmark). */
export async function createAlertingApp(config: AlertingConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: true });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  return app;
}
