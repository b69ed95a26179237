import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useObservabilityLogger } from '@keel/observability';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config';

/**
 * The gateway is a Nest app (logs, /metrics, /health like every service) whose /graphql is served by Hive
 * Gateway's runtime (GatewayMiddleware). Body parsing is off: the runtime reads the request body itself.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: true, bodyParser: false });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  return app;
}
