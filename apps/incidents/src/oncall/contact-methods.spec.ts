import { MAX_CONTACT_METHODS, parseContactMethods, shownAddress } from './contact-methods';

describe('parseContactMethods', () => {
  it('takes email for EMAIL and secretUrl for WEBHOOK and SLACK, trimmed, enabled by default', () => {
    expect(
      parseContactMethods([
        { kind: 'email', email: ' ada@example.com ' },
        { kind: 'webhook', secretUrl: 'https://hooks.example.com/T1/secret', enabled: false },
        { kind: 'slack', secretUrl: 'http://127.0.0.1:8080/slack' },
      ]),
    ).toEqual({
      ok: true,
      methods: [
        { kind: 'email', address: 'ada@example.com', enabled: true },
        { kind: 'webhook', address: 'https://hooks.example.com/T1/secret', enabled: false },
        { kind: 'slack', address: 'http://127.0.0.1:8080/slack', enabled: true },
      ],
    });
  });

  it('names every bad field and never repeats a URL in a message', () => {
    const result = parseContactMethods([
      { kind: 'email', email: 'not-an-address' },
      { kind: 'webhook', secretUrl: 'ftp://files.example.com/token-123' },
      { kind: 'slack', email: 'ada@example.com', secretUrl: 'https://hooks.slack.com/services/T/B/xyz' },
      { kind: 'email', email: 'ada@example.com', secretUrl: 'https://x.example.com/' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual([
      'methods[0].email',
      'methods[1].secretUrl',
      'methods[2].email',
      'methods[3].secretUrl',
    ]);
    expect(result.issues[0]?.message).toBe('methods[0].email must be an email address like oncall@example.com');
    expect(JSON.stringify(result.issues)).not.toContain('token-123');
  });

  it('refuses a method repeated in the list and more than the maximum', () => {
    const twice = parseContactMethods([
      { kind: 'email', email: 'ada@example.com' },
      { kind: 'email', email: 'ADA@example.com' },
    ]);
    expect(twice).toEqual({
      ok: false,
      issues: [{ field: 'methods[1]', message: 'methods[1] repeats an earlier email contact method' }],
    });
    const many = parseContactMethods(
      Array.from({ length: MAX_CONTACT_METHODS + 1 }, (_, i) => ({
        kind: 'email' as const,
        email: `u${i}@example.com`,
      })),
    );
    expect(many.ok ? [] : many.issues.map((i) => i.field)).toEqual(['methods']);
  });

  it('accepts an empty list (the user is not paged)', () => {
    expect(parseContactMethods([])).toEqual({ ok: true, methods: [] });
  });
});

describe('shownAddress', () => {
  it('shows an email in full and a URL as scheme and host only', () => {
    expect(shownAddress('email', 'ada@example.com')).toBe('ada@example.com');
    expect(shownAddress('slack', 'https://hooks.slack.com/services/T0/B0/secret')).toBe(
      'https://hooks.slack.com/<redacted>',
    );
  });
});
