import { NestFactory } from '@nestjs/core';
import { useObservabilityLogger } from '@keel/observability';
import type { INestApplication } from '@nestjs/common';
import { AppModule, type IncidentsAppOptions } from './app.module';
import type { IncidentsConfig } from './config';

/** Builds the incidents application (used by main.ts, emit-schema.ts and the integration tests). */
export async function createIncidentsApp(
  config: IncidentsConfig,
  options: IncidentsAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config, options), { bufferLogs: true });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  return app;
}
