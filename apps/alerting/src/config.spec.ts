import { describeConfig, loadConfig } from '@keel/config';
import { alertingConfigSchema, withoutTrailingSlash } from './config';

const REQUIRED = {
  DATABASE_URL: 'postgres://127.0.0.1:5432/keel',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_SECRET: 'x'.repeat(48),
};

describe('ALERTING_EXTERNAL_URL', () => {
  it.each([
    ['http://alerting.keel.test:4104/', 'http://alerting.keel.test:4104'],
    ['https://keel.example/alerting/', 'https://keel.example/alerting'],
    ['https://keel.example/alerting//', 'https://keel.example/alerting'],
    ['https://keel.example/alerting', 'https://keel.example/alerting'],
  ])('keeps %s as %s, once for every use', (raw, kept) => {
    expect(loadConfig(alertingConfigSchema, { ...REQUIRED, ALERTING_EXTERNAL_URL: raw }).ALERTING_EXTERNAL_URL).toBe(
      kept,
    );
  });

  it('defaults to the service port on 127.0.0.1, still documented with its default', () => {
    expect(loadConfig(alertingConfigSchema, REQUIRED).ALERTING_EXTERNAL_URL).toBe('http://127.0.0.1:4104');
    expect(describeConfig(alertingConfigSchema).find((v) => v.name === 'ALERTING_EXTERNAL_URL')).toMatchObject({
      required: false,
      default: 'http://127.0.0.1:4104',
    });
  });

  it('still refuses what is not an http(s) URL', () => {
    expect(() => loadConfig(alertingConfigSchema, { ...REQUIRED, ALERTING_EXTERNAL_URL: 'ftp://x/' })).toThrow(
      /ALERTING_EXTERNAL_URL/,
    );
  });
});

describe('withoutTrailingSlash', () => {
  it('drops trailing slashes only', () => {
    expect(withoutTrailingSlash('http://h:1/a/b/')).toBe('http://h:1/a/b');
    expect(withoutTrailingSlash('http://h:1/a//b')).toBe('http://h:1/a//b');
    expect(withoutTrailingSlash('http://h:1')).toBe('http://h:1');
  });
});
