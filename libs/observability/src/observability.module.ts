import {
  type DynamicModule,
  type INestApplication,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_INTERCEPTOR, HttpAdapterHost } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DatabasePoolMonitor } from '@keel/database';
import { Logger, LoggerErrorInterceptor, LoggerModule } from 'nestjs-pino';
import { CorrelationMiddleware } from './correlation/correlation.middleware';
import { HealthController } from './health/health.controller';
import { ReadinessChecks } from './health/readiness-checks';
import { createLogger } from './logging/create-logger';
import { httpLoggingOptions } from './logging/http-logging';
import { registerDatabaseMetrics } from './metrics/database-metrics';
import { HttpMetrics, HttpMetricsMiddleware } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics-registry';
import { reportTriggeredRoutes } from './metrics/route-tracking';
import { registerRuntimeMetrics } from './metrics/runtime-metrics';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options';

function createRegistry(pool?: DatabasePoolMonitor): MetricsRegistry {
  const registry = new MetricsRegistry();
  registerRuntimeMetrics(registry);
  if (pool) {
    registerDatabaseMetrics(registry, pool);
  }
  return registry;
}

/**
 * Logs, metrics and health for one service: pino JSON logging through nestjs-pino with the
 * correlation id on every line, GET /metrics (a registry of its own), GET /health/live and
 * /health/ready. Import once, in the app module; one per process (nestjs-pino keeps a single root logger).
 */
@Module({})
export class ObservabilityModule implements NestModule {
  // In the constructor because the router reads the callback while registering routes, in app.init().
  constructor(adapterHost: HttpAdapterHost) {
    if (adapterHost.httpAdapter) {
      reportTriggeredRoutes(adapterHost.httpAdapter);
    }
  }

  static forRoot(options: ObservabilityOptions): DynamicModule {
    const logger = createLogger({
      service: options.service,
      level: options.logLevel,
      destination: options.logDestination,
    });
    return {
      module: ObservabilityModule,
      global: true,
      imports: [TerminusModule, LoggerModule.forRoot({ pinoHttp: httpLoggingOptions(logger) })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        {
          provide: MetricsRegistry,
          useFactory: createRegistry,
          inject: [{ token: DatabasePoolMonitor, optional: true }],
        },
        { provide: APP_INTERCEPTOR, useClass: LoggerErrorInterceptor },
        HttpMetrics,
        ReadinessChecks,
      ],
      exports: [MetricsRegistry, LoggerModule],
    };
  }

  /**
   * Nest middleware rather than app.use(): it then runs after body parsing, so the request context
   * survives into handlers of POST requests (GraphQL). A wildcard route covers every path under the
   * global prefix plus the paths excluded from it — with a prefix, list '/graphql' in its `exclude`.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CorrelationMiddleware, HttpMetricsMiddleware)
      .forRoutes({ path: '/{*splat}', method: RequestMethod.ALL });
  }
}

/** In main.ts, right after NestFactory.create(AppModule, { bufferLogs: true }): Nest's own logs go through pino too. */
export function useObservabilityLogger(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
}
