import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Logger,
  Module,
  type OnModuleInit,
  Param,
} from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { currentCorrelationId } from '@keel/context';
import { DatabaseModule } from '@keel/database';
import { DataSource } from 'typeorm';
import { PUBLIC_ROUTE_METADATA } from './observability.options';
import { ObservabilityModule, useObservabilityLogger } from './observability.module';
import { startTcpProxy, type TcpProxy } from '@keel/testing';

const databaseUrl = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';

const logChunks: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logChunks.push(chunk.toString('utf8'));
    done();
  },
});

function logLines(): Record<string, unknown>[] {
  return logChunks
    .join('')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function eventually<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

@Controller('things')
class ThingsController {
  private readonly logger = new Logger(ThingsController.name);

  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    this.logger.log(`fetching thing ${id}`);
    return { id };
  }
}

/** Stands for @keel/auth's guard: only routes marked with the public metadata key pass without credentials. */
@Injectable()
class TestAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    return isPublic === true || request.headers['x-test-auth'] === 'yes';
  }
}

/** Mounts an app on /graphql the way @nestjs/apollo does: app.use(path, …) during module init. */
@Injectable()
class FakeGraphqlMount implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.use('/graphql', (req: { body?: unknown }, res: { json(body: unknown): void }) => {
      res.json({ data: { correlationId: currentCorrelationId() ?? null, body: req.body ?? null } });
    });
  }
}

describe('ObservabilityModule in a Nest app on a real PostgreSQL', () => {
  const schema = `obs_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    const target = new URL(databaseUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(databaseUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);

    @Module({
      imports: [
        ObservabilityModule.forRoot({
          service: 'obs-test',
          logLevel: 'info',
          readiness: { database: true },
          logDestination: logStream,
        }),
        DatabaseModule.forRoot({
          useFactory: () => ({ url: proxied.toString(), schema, entities: [], migrations: [] }),
        }),
      ],
      controllers: [ThingsController],
      providers: [{ provide: APP_GUARD, useClass: TestAuthGuard }, FakeGraphqlMount],
    })
    class AppModule {}

    app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
    useObservabilityLogger(app);
    app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/live', 'health/ready', 'metrics', 'graphql'] });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app.close();
    await proxy.shut();
    const cleanup = new DataSource({ type: 'postgres', url: databaseUrl });
    await cleanup.initialize();
    await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await cleanup.destroy();
  });

  it('answers /health/live with 200 without credentials', async () => {
    const response = await fetch(`${base}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /health/ready (and /health) with 200 while PostgreSQL answers', async () => {
    for (const path of ['/health/ready', '/health']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    }
  });

  it('keeps the auth guard in force on routes not marked public', async () => {
    expect((await fetch(`${base}/api/v1/things/1`)).status).toBe(403);
  });

  it('echoes the incoming correlation id and logs JSON lines carrying it, with the class as context', async () => {
    const response = await fetch(`${base}/api/v1/things/42`, {
      headers: { 'x-correlation-id': 'obs-test-corr-1', 'x-test-auth': 'yes' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: '42' });
    expect(response.headers.get('x-correlation-id')).toBe('obs-test-corr-1');

    const appLine = await eventually(
      () => logLines().find((line) => line.msg === 'fetching thing 42'),
      'the controller log line',
    );
    expect(appLine).toMatchObject({
      level: 'info',
      service: 'obs-test',
      context: 'ThingsController',
      correlationId: 'obs-test-corr-1',
    });
    const requestLine = await eventually(
      () => logLines().find((line) => line.msg === 'request completed' && line.correlationId === 'obs-test-corr-1'),
      'the request completed line',
    );
    expect(requestLine).toMatchObject({ service: 'obs-test', res: { statusCode: 200 } });
    for (const raw of logChunks.join('').split('\n').filter(Boolean)) {
      expect(raw.match(/"correlationId"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the request context through body parsing into a mounted GraphQL app', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'obs-test-gql' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(response.headers.get('x-correlation-id')).toBe('obs-test-gql');
    expect(await response.json()).toEqual({ data: { correlationId: 'obs-test-gql', body: { query: '{ ok }' } } });
  });

  it('replaces an unsafe incoming correlation id with a new one', async () => {
    const response = await fetch(`${base}/health/live`, { headers: { 'x-correlation-id': 'not safe; at all' } });
    expect(response.headers.get('x-correlation-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('serves Prometheus metrics labelled by route pattern, plus the database pool gauges', async () => {
    await fetch(`${base}/api/v1/things/7`, { headers: { 'x-test-auth': 'yes' } });
    await fetch(`${base}/api/v1/things/8`, { headers: { 'x-test-auth': 'yes' } });
    await fetch(`${base}/api/v1/no/such/route/123`, { headers: { 'x-test-auth': 'yes' } });

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/things/:id",status="200"} 3');
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/things/:id",status="403"} 1');
    expect(text).toContain('http_requests_total{method="POST",route="/graphql",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/things\/:id",status="200"\} \d+/,
    );
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="10",/);
    expect(text).not.toContain('/api/v1/things/7');
    expect(text).not.toContain('/no/such/route');
    expect(text).not.toContain('obs-test');
    expect(text).toMatch(/^database_connections_total [1-9]\d*$/m);
    expect(text).toMatch(/^database_connections_active \d+$/m);
    expect(text).toMatch(/^database_connections_idle \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('answers /health/ready with 503 naming the database once PostgreSQL is gone, while staying live', async () => {
    await proxy.shut();
    // The pool may first hand out a connection that was just cut; readiness must settle on "down".
    await fetch(`${base}/health/ready`);
    const response = await fetch(`${base}/health/ready`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      status: string;
      error: Record<string, { status: string; message: string }>;
    };
    expect(body.status).toBe('error');
    expect(Object.keys(body.error)).toEqual(['database']);
    expect(body.error.database).toEqual({ status: 'down', message: expect.stringContaining('ECONNREFUSED') });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
