import { redactArguments, toSnakeCase } from './redact';

describe('redactArguments', () => {
  it('replaces secrets at any depth and keeps the rest', () => {
    const args = {
      input: { username: 'ana', password: 'hunter2hunter2', nested: [{ apiKey: 'keel_x', note: 'ok' }] },
      refreshToken: 'abc',
    };
    expect(redactArguments(args)).toEqual({
      input: { username: 'ana', password: '[redacted]', nested: [{ apiKey: '[redacted]', note: 'ok' }] },
      refreshToken: '[redacted]',
    });
  });

  it('bounds depth', () => {
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 10; i++) deep = { d: deep };
    expect(JSON.stringify(redactArguments(deep))).toContain('[truncated]');
  });
});

describe('toSnakeCase', () => {
  it('turns mutation names into audit action segments', () => {
    expect(toSnakeCase('createApiKey')).toBe('create_api_key');
    expect(toSnakeCase('login')).toBe('login');
  });
});
