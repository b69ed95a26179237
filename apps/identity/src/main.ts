import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@keel/config';
import { useObservabilityLogger } from '@keel/observability';
import { AppModule } from './app.module';
import { IDENTITY_SERVICE, identityConfigSchema } from './config';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(identityConfigSchema, IDENTITY_SERVICE);
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  useObservabilityLogger(app);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `identity failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
