import { isRetryableSmtpError, parseSmarthost, sendEmail } from './smtp-sender';

describe('parseSmarthost', () => {
  it('parses host:port, IPv4 and bracketed IPv6', () => {
    expect(parseSmarthost('smtp.example.test:587')).toEqual({ host: 'smtp.example.test', port: 587 });
    expect(parseSmarthost('127.0.0.1:25')).toEqual({ host: '127.0.0.1', port: 25 });
    expect(parseSmarthost('[::1]:2525')).toEqual({ host: '::1', port: 2525 });
  });

  it.each(['smtp.example.test', 'smtp.example.test:', ':25', '::1:25', 'host:port', 'a b:25', 'host:0', 'host:65536'])(
    'refuses %j',
    (smarthost) => {
      expect(() => parseSmarthost(smarthost)).toThrow(/smarthost/);
    },
  );
});

describe('isRetryableSmtpError', () => {
  it('treats 5xx replies as permanent and 4xx replies as transient', () => {
    expect(isRetryableSmtpError({ code: 'EENVELOPE', responseCode: 550 })).toBe(false);
    expect(isRetryableSmtpError({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isRetryableSmtpError({ code: 'EMESSAGE', responseCode: 554 })).toBe(false);
    expect(isRetryableSmtpError({ code: 'EENVELOPE', responseCode: 451 })).toBe(true);
    expect(isRetryableSmtpError({ code: 'EMESSAGE', responseCode: 452 })).toBe(true);
    expect(isRetryableSmtpError({ code: 'ETLS', responseCode: 454 })).toBe(true);
  });

  it('retries when any refused recipient was refused only for now', () => {
    const mixed = {
      code: 'EENVELOPE',
      responseCode: 550,
      rejectedErrors: [{ responseCode: 550 }, { responseCode: 451 }],
    };
    const allPermanent = { code: 'EENVELOPE', responseCode: 451, rejectedErrors: [{ responseCode: 550 }] };
    expect(isRetryableSmtpError(mixed)).toBe(true);
    expect(isRetryableSmtpError(allPermanent)).toBe(false);
  });

  it('retries connection trouble without a reply', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', undefined]) {
      expect(isRetryableSmtpError({ code })).toBe(true);
    }
  });

  it('does not retry configuration errors without a reply', () => {
    for (const code of ['ECONFIG', 'ENOAUTH', 'EAUTH', 'EENVELOPE']) {
      expect(isRetryableSmtpError({ code })).toBe(false);
    }
  });
});

describe('sendEmail without reaching the network', () => {
  const target = {
    kind: 'email' as const,
    smarthost: 'mail.example.test:25',
    from: 'keel@example.test',
    to: ['oncall@example.test'],
    requireTls: false,
    subject: 's',
    text: 't',
  };

  it('refuses a smarthost without a port, without retrying', async () => {
    const result = await sendEmail({ ...target, smarthost: 'mail.example.test' }, { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain('host:port');
  });

  it('refuses an email without recipients, without retrying', async () => {
    const result = await sendEmail({ ...target, to: [] }, { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain('no recipients');
  });
});
