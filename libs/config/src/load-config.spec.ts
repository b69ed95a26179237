import { z } from 'zod';
import { ConfigError, EX_CONFIG } from './config-error';
import { envBoolean, envSecret } from './env-types';
import { authEnv, databaseEnv, httpEnv, kafkaEnv, logEnv, redisEnv, runtimeEnv } from './fragments';
import { loadConfig, loadConfigOrExit } from './load-config';

const identitySchema = z.object({ ...httpEnv, ...databaseEnv, ...authEnv, ...logEnv });
const SECRET = 'x'.repeat(12) + 'super-secret-value';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(
      identitySchema,
      { PORT: '4001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel', JWT_SECRET: 'k'.repeat(32) },
      'identity',
    );
    const port: number = config.PORT;
    expect(port).toBe(4001);
    expect(config).toEqual({
      HOST: '127.0.0.1',
      PORT: 4001,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel',
      JWT_SECRET: 'k'.repeat(32),
      JWT_ACCESS_TTL_SECONDS: 900,
      JWT_REFRESH_TTL_SECONDS: 1_209_600,
      JWT_ISSUER: 'keel',
      LOG_LEVEL: 'info',
    });
  });

  it('reads only the variables the schema declares', () => {
    const config = loadConfig(z.object({ ...runtimeEnv }), { NODE_ENV: 'test', PATH: '/usr/bin' });
    expect(config).toEqual({ NODE_ENV: 'test' });
  });

  it('lists a missing and a malformed variable by name, with reason and description', () => {
    const error = configError(() =>
      loadConfig(identitySchema, { PORT: 'abc', DATABASE_URL: 'postgres://db/keel' }, 'identity'),
    );
    expect(error.message).toBe(
      [
        'Invalid environment for identity:',
        '  - PORT: expected an integer 1..65535, got "abc" (TCP port the HTTP server listens on)',
        '  - JWT_SECRET: required (HMAC secret for access tokens, at least 32 characters)',
      ].join('\n'),
    );
    expect(error.problems.map((p) => p.name)).toEqual(['PORT', 'JWT_SECRET']);
    expect(error.appName).toBe('identity');
  });

  it('reports every bad variable, not just the first', () => {
    const error = configError(() =>
      loadConfig(z.object({ ...httpEnv, ...redisEnv, ...kafkaEnv, ...logEnv, ...runtimeEnv }), {
        PORT: '70000',
        REDIS_URL: 'http://cache:6379',
        KAFKA_BROKERS: 'kafka-without-port',
        LOG_LEVEL: 'verbose',
        NODE_ENV: 'staging',
      }),
    );
    expect(error.message.split('\n')).toEqual([
      'Invalid environment:',
      '  - PORT: expected an integer 1..65535, got "70000" (TCP port the HTTP server listens on)',
      '  - REDIS_URL: expected a redis:// or rediss:// URL, got a http:// URL (Redis connection URL)',
      '  - KAFKA_BROKERS: expected a comma-separated list of host:port, got "kafka-without-port" (Kafka bootstrap brokers, comma-separated host:port)',
      '  - LOG_LEVEL: expected one of fatal|error|warn|info|debug|trace, got "verbose" (Lowest level of log lines written)',
      '  - NODE_ENV: expected one of development|test|production, got "staging" (Runtime environment)',
    ]);
  });

  it('never prints a secret value, even when it is the bad one', () => {
    const schema = z.object({
      ...authEnv,
      API_TOKEN: envBoolean().describe('a mistake: a secret parsed with an echoing helper'),
      SIGNING_KEY: envSecret({ minLength: 64 }).describe('signing key'),
    });
    const error = configError(() =>
      loadConfig(schema, { JWT_SECRET: 'short-but-secret', API_TOKEN: SECRET, SIGNING_KEY: SECRET }),
    );
    expect(error.message).toContain('JWT_SECRET: must be at least 32 characters');
    expect(error.message).toContain('API_TOKEN: expected true, false, 1 or 0, got [redacted]');
    expect(error.message).toContain('SIGNING_KEY: must be at least 64 characters (signing key)');
    expect(error.message).not.toContain('short-but-secret');
    expect(error.message).not.toContain(SECRET);
  });

  it('does not echo a database URL, which may carry a password', () => {
    const error = configError(() =>
      loadConfig(z.object(databaseEnv), { DATABASE_URL: 'mysql://root:hunter22@db/keel' }),
    );
    expect(error.message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL, got a mysql:// URL');
    expect(error.message).not.toContain('hunter22');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig(z.object(logEnv), { LOG_LEVEL: '' })).toEqual({ LOG_LEVEL: 'info' });
    expect(configError(() => loadConfig(z.object(httpEnv), { PORT: '' })).problems).toEqual([
      { name: 'PORT', reason: 'required', description: 'TCP port the HTTP server listens on' },
    ]);
  });

  it('reports rules spanning several variables under (environment)', () => {
    const schema = z
      .object({ ...httpEnv, ADMIN_PORT: httpEnv.PORT.describe('admin port') })
      .refine((c) => c.PORT !== c.ADMIN_PORT, { error: 'PORT and ADMIN_PORT must differ' });
    const error = configError(() => loadConfig(schema, { PORT: '80', ADMIN_PORT: '80' }));
    expect(error.problems).toEqual([{ name: '(environment)', reason: 'PORT and ADMIN_PORT must differ' }]);
  });
});

describe('loadConfigOrExit', () => {
  let exit: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    exit.mockRestore();
    stderr.mockRestore();
  });

  it('returns the config when the environment is valid', () => {
    expect(loadConfigOrExit(z.object(httpEnv), 'metrics', { PORT: '4002' })).toEqual({ HOST: '127.0.0.1', PORT: 4002 });
    expect(exit).not.toHaveBeenCalled();
  });

  it('prints the problems to stderr and exits with EX_CONFIG (78)', () => {
    expect(() => loadConfigOrExit(z.object(httpEnv), 'metrics', {})).toThrow('exit 78');
    expect(exit).toHaveBeenCalledWith(EX_CONFIG);
    expect(EX_CONFIG).toBe(78);
    expect(stderr).toHaveBeenCalledWith(
      'Invalid environment for metrics:\n  - PORT: required (TCP port the HTTP server listens on)\n',
    );
  });

  it('reads process.env by default', () => {
    const saved = process.env['KEEL_TEST_FLAG'];
    process.env['KEEL_TEST_FLAG'] = '1';
    try {
      expect(loadConfigOrExit(z.object({ KEEL_TEST_FLAG: envBoolean() }), 'cli')).toEqual({ KEEL_TEST_FLAG: true });
    } finally {
      if (saved === undefined) {
        delete process.env['KEEL_TEST_FLAG'];
      } else {
        process.env['KEEL_TEST_FLAG'] = saved;
      }
    }
  });
});
