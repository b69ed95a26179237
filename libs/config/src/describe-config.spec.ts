import { z } from 'zod';
import { describeConfig } from './describe-config';
import { markSecret } from './secret-registry';
import { authEnv, httpEnv, kafkaEnv, logEnv } from './fragments';

describe('describeConfig', () => {
  it('lists name, required, default and description of each variable', () => {
    expect(describeConfig(z.object({ ...httpEnv, ...kafkaEnv, ...logEnv }))).toEqual([
      {
        name: 'HOST',
        required: false,
        default: '127.0.0.1',
        description: 'Interface the HTTP server binds to',
        secret: false,
      },
      {
        name: 'PORT',
        required: true,
        default: undefined,
        description: 'TCP port the HTTP server listens on',
        secret: false,
      },
      {
        name: 'KAFKA_BROKERS',
        required: false,
        default: '127.0.0.1:9092',
        description: 'Kafka bootstrap brokers, comma-separated host:port',
        secret: false,
      },
      {
        name: 'KAFKA_CLIENT_ID',
        required: false,
        default: undefined,
        description: 'Kafka client id; the service name when unset',
        secret: false,
      },
      {
        name: 'LOG_LEVEL',
        required: false,
        default: 'info',
        description: 'Lowest level of log lines written',
        secret: false,
      },
    ]);
  });

  it('marks secrets and renders numeric defaults as they would be written', () => {
    const rows = describeConfig(z.object(authEnv));
    expect(rows.find((r) => r.name === 'JWT_SECRET')).toMatchObject({ required: true, secret: true });
    expect(rows.find((r) => r.name === 'JWT_ACCESS_TTL_SECONDS')).toMatchObject({ default: '900', secret: false });
  });

  it('keeps a secret mark through describe() and never shows a secret default', () => {
    const schema = z.object({
      WEBHOOK_HMAC: markSecret(z.string()).default('dev-only-hmac').describe('webhook HMAC'),
      DB_PASSWORD: z.string().default('postgres').describe('named like a secret'),
    });
    expect(describeConfig(schema)).toEqual([
      { name: 'WEBHOOK_HMAC', required: false, default: undefined, description: 'webhook HMAC', secret: true },
      { name: 'DB_PASSWORD', required: false, default: undefined, description: 'named like a secret', secret: true },
    ]);
  });

  it('leaves the description empty when a field has none', () => {
    expect(describeConfig(z.object({ X: z.string() }))).toEqual([
      { name: 'X', required: true, default: undefined, description: '', secret: false },
    ]);
  });
});
