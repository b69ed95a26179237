import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Writable } from 'node:stream';
import { MetricsRegistry } from './metrics/metrics-registry';
import { ObservabilityModule } from './observability.module';

const silent = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

describe('ObservabilityModule wiring', () => {
  it('runs without a database: ready with nothing to check, no pool gauges, custom metrics served', async () => {
    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'bare', logLevel: 'info', readiness: {}, logDestination: silent }),
      ],
    })
    class BareModule {}

    const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      app.get(MetricsRegistry).counter({ name: 'bare_things_total', help: 'Things' }).inc(2);
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('bare_things_total 2');
      expect(text).not.toContain('database_connections_');
    } finally {
      await app.close();
    }
  });

  it('refuses to boot when a readiness check is configured without its module', async () => {
    @Module({
      imports: [
        ObservabilityModule.forRoot({
          service: 'miswired',
          logLevel: 'info',
          readiness: { database: true, kafka: true },
          logDestination: silent,
        }),
      ],
    })
    class MiswiredModule {}

    const app = await NestFactory.create(MiswiredModule, { logger: false, abortOnError: false });
    await expect(app.init()).rejects.toThrow(
      'ObservabilityModule for miswired: readiness checks are configured without their module: ' +
        'database (import DatabaseModule.forRoot from @keel/database), kafka (import KafkaModule.forRoot from @keel/kafka)',
    );
    await app.close();
  });
});
