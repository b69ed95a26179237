import { NestFactory } from '@nestjs/core';
import { useObservabilityLogger } from '@keel/observability';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from './app.module';
import type { IncidentsConfig } from './config';

/** Builds the incidents application (used by main.ts, emit-schema.ts and the integration tests). */
export async function createIncidentsApp(config: IncidentsConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: true });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  return app;
}
