import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { compress } from 'snappyjs';
import { AuthModule, TokenService, type Identity } from '@keel/auth';
import { metricsTopic, type MetricsBatch } from '@keel/contracts';
import { createKafkaClient, KafkaModule, type KafkaClient, type ReceivedMessage } from '@keel/kafka';
import { TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import { RemoteWriteModule } from './index';

// The module republishes onto the real keel.metrics.v1; each test's API key id is unique, and so is the
// message source derived from it (`remote-write:api_key:<id>`), so other data on the topic is ignored.
const SECRET = 's'.repeat(40);
const T0 = Date.now();

@Module({
  imports: [
    AuthModule.forRoot({ useFactory: () => ({ secret: SECRET, issuer: 'keel', accessTtlSeconds: 300 }) }),
    KafkaModule.forRoot({
      useFactory: () => ({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('remote_write_test') }),
      topics: [metricsTopic],
    }),
    RemoteWriteModule,
  ],
})
class TestAppModule {}

let app: INestApplication;
let url: string;
let tokens: TokenService;
let kafka: KafkaClient;

beforeAll(async () => {
  app = await NestFactory.create(TestAppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  url = `${await app.getUrl()}/api/v1/write`;
  tokens = new TokenService({ secret: SECRET, issuer: 'keel', accessTtlSeconds: 300 });
  kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('remote_write_reader') });
});

afterAll(async () => {
  await kafka?.close();
  await app?.close();
});

function token(identity: Partial<Identity>): string {
  return tokens.issueAccessToken({
    type: 'api_key',
    id: uniqueName('key'),
    name: 'prom',
    roles: ['viewer'],
    scopes: [],
    ...identity,
  }).token;
}

/** WriteRequest{ up{job="api"} 1 @T0, 0.5 @T0+15s } encoded byte by byte, then snappy. */
function body(timestampMs = T0): Buffer {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    let rest = n;
    while (rest >= 0x80) {
      out.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    return [...out, rest];
  };
  const ld = (field: number, payload: Buffer) =>
    Buffer.concat([Buffer.from([(field << 3) | 2, ...varint(payload.length)]), payload]);
  const str = (field: number, text: string) => ld(field, Buffer.from(text));
  const sample = (value: number, ts: number) => {
    const v = Buffer.alloc(8);
    v.writeDoubleLE(value);
    return ld(2, Buffer.concat([Buffer.from([0x09]), v, Buffer.from([0x10, ...varint(ts)])]));
  };
  const series = Buffer.concat([
    ld(1, Buffer.concat([str(1, '__name__'), str(2, 'up')])),
    ld(1, Buffer.concat([str(1, 'job'), str(2, 'api')])),
    sample(1, timestampMs),
    sample(0.5, timestampMs + 15_000),
  ]);
  return Buffer.from(compress(ld(1, series)));
}

async function post(bearer: string | undefined, payload: Buffer, contentType = 'application/x-protobuf') {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'content-encoding': 'snappy',
    'x-prometheus-remote-write-version': '0.1.0',
  };
  if (bearer) headers['authorization'] = `Bearer ${bearer}`;
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(payload) });
  return { status: response.status, text: await response.text() };
}

/**
 * The first message of `source` on keel.metrics.v1, read by a fresh group starting at the end of the topic.
 * A new group only learns where the end is on its first fetch, so `act` is repeated until one arrives.
 */
async function firstMessageOf(source: string, act: () => Promise<void>): Promise<ReceivedMessage<MetricsBatch>> {
  let found: ReceivedMessage<MetricsBatch> | undefined;
  const consumer = kafka.consumer({
    groupId: uniqueName('remote_write_test'),
    contract: metricsTopic,
    handle: async (message) => {
      if (message.value.source === source) found ??= message;
    },
  });
  await consumer.start();
  try {
    for (let attempt = 0; attempt < 10 && !found; attempt++) {
      await act();
      for (let wait = 0; wait < 20 && !found; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.stop();
  }
  if (!found) throw new Error(`nothing from ${source} on ${metricsTopic.topic}`);
  return found;
}

describe('POST /api/v1/write (Nest, real Kafka)', () => {
  it('answers 204 and republishes the samples onto keel.metrics.v1', async () => {
    const id = uniqueName('key');
    const statuses: number[] = [];
    const message = await firstMessageOf(`remote-write:api_key:${id}`, async () => {
      statuses.push((await post(token({ id, scopes: ['metrics:write'] }), body())).status);
    });
    expect(new Set(statuses)).toEqual(new Set([204]));
    expect(message.value.samples).toEqual([
      { name: 'up', labels: { job: 'api' }, value: 1, timestampMs: T0 },
      { name: 'up', labels: { job: 'api' }, value: 0.5, timestampMs: T0 + 15_000 },
    ]);
  });

  it('lets a responder write', async () => {
    expect((await post(token({ type: 'user', roles: ['responder'] }), body())).status).toBe(204);
  });

  it('answers 401 without a token and 403 without the scope or role', async () => {
    expect((await post(undefined, body())).status).toBe(401);
    expect((await post(token({ scopes: ['metrics:read'] }), body())).status).toBe(403);
    expect((await post(token({ type: 'user', roles: ['viewer'] }), body())).status).toBe(403);
  });

  it('answers 415 for another content type, naming it', async () => {
    const reply = await post(token({ scopes: ['metrics:write'] }), body(), 'text/plain');
    expect(reply.status).toBe(415);
    expect(reply.text).toContain(
      'Content-Type must be application/x-protobuf for remote write 1.0, got \\"text/plain\\"',
    );
    // Express' JSON parser answers 415 itself for a snappy-encoded JSON body.
    expect((await post(token({ scopes: ['metrics:write'] }), body(), 'application/json')).status).toBe(415);
  });

  it('answers 400 with the reason for an undecodable body or refused samples', async () => {
    const garbage = await post(token({ scopes: ['metrics:write'] }), Buffer.from('not snappy at all'));
    expect(garbage.status).toBe(400);
    expect(garbage.text).toContain('body is not');
    const seconds = await post(token({ scopes: ['metrics:write'] }), body(Math.floor(T0 / 1000)));
    expect(seconds.status).toBe(400);
    expect(seconds.text).toContain(
      'accepted 0 samples, refused 2: timeseries[0] {__name__=\\"up\\", job=\\"api\\"} samples[0]: timestampMs',
    );
  });
});
