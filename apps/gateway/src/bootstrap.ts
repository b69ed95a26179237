import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useObservabilityLogger } from '@keel/observability';
import { TokenService } from '@keel/auth';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config';
import { createKeelGateway } from './gateway-runtime';

/**
 * The gateway is a Nest app (logs, /metrics, /health like every service) that mounts Hive Gateway's runtime
 * at /graphql. Body parsing is off: the runtime reads the request body itself.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: true, bodyParser: false });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  const gateway = createKeelGateway(config, app.get(TokenService));
  app.use('/graphql', gateway);
  const close = app.close.bind(app);
  app.close = async () => {
    await gateway.dispose();
    await close();
  };
  return app;
}
