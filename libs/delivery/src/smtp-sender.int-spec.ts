import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { EmailTarget } from './delivery.types';
import { RetryingDelivery, type RetryingDeliveryOptions } from './retrying-delivery';

// A real SMTP server (smtp-server) on 127.0.0.1, port 0, without TLS; nodemailer and the retry loop are real.

interface ReceivedMail {
  mailFrom: string | undefined;
  rcptTo: string[];
  user: string | undefined;
  raw: string;
}

interface Smtp {
  smarthost: string;
  mails: ReceivedMail[];
  rcptAttempts: number;
  connections: number;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

/** Starts an SMTP server without STARTTLS; `overrides` replace its handlers and options. */
async function smtpServer(overrides: Partial<SMTPServerOptions> = {}): Promise<Smtp> {
  const state: Smtp = { smarthost: '', mails: [], rcptAttempts: 0, connections: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        state.mails.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...overrides,
    onRcptTo(address, session, callback) {
      state.rcptAttempts += 1;
      if (overrides.onRcptTo) overrides.onRcptTo(address, session, callback);
      else callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.smarthost = `127.0.0.1:${port}`;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}

/** An SMTP error with the reply code the client gets. */
function smtpError(message: string, responseCode: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/** Headers (unfolded, lower-cased names) and body of a raw RFC 5322 message. Enough for ASCII test messages. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function delivery(overrides: Partial<RetryingDeliveryOptions> = {}): RetryingDelivery {
  return new RetryingDelivery({ maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20, timeoutMs: 5000, ...overrides });
}

function email(smarthost: string, overrides: Partial<EmailTarget> = {}): EmailTarget {
  return {
    kind: 'email',
    smarthost,
    from: 'Keel Alerting <alerts@keel.test>',
    to: ['oncall@keel.test', 'sre@keel.test'],
    requireTls: false,
    subject: '[FIRING:1] HighLatency checkout',
    text: 'p99 latency of checkout is above 1s.\nRunbook: https://runbooks.keel.test/high-latency',
    ...overrides,
  };
}

describe('email delivery against a real SMTP server', () => {
  it('delivers the message: envelope, subject, from, to, custom header and text arrive', async () => {
    const smtp = await smtpServer();

    const result = await delivery().deliver(email(smtp.smarthost, { headers: { 'X-Keel-Alert': 'HighLatency' } }));

    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.mailFrom).toBe('alerts@keel.test');
    expect(mail.rcptTo).toEqual(['oncall@keel.test', 'sre@keel.test']);
    const { headers, body } = parseMessage(mail.raw);
    expect(headers.get('subject')).toBe('[FIRING:1] HighLatency checkout');
    expect(headers.get('from')).toBe('Keel Alerting <alerts@keel.test>');
    expect(headers.get('to')).toBe('oncall@keel.test, sre@keel.test');
    expect(headers.get('x-keel-alert')).toBe('HighLatency');
    expect(headers.get('content-type')).toMatch(/^text\/plain/);
    expect(body.replace(/\r\n/g, '\n').trim()).toBe(
      'p99 latency of checkout is above 1s.\nRunbook: https://runbooks.keel.test/high-latency',
    );
  });

  it('sends the HTML part next to the text part', async () => {
    const smtp = await smtpServer();

    const result = await delivery().deliver(email(smtp.smarthost, { html: '<h1>HighLatency</h1><p>checkout</p>' }));

    expect(result).toMatchObject({ ok: true, attempts: 1 });
    const { headers, body } = parseMessage(smtp.mails[0].raw);
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(body).toContain('Content-Type: text/plain');
    expect(body).toContain('Content-Type: text/html');
    expect(body).toContain('<h1>HighLatency</h1><p>checkout</p>');
  });

  it('authenticates when a username is given', async () => {
    const smtp = await smtpServer({
      authOptional: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'keel' && auth.password === 'hunter22') callback(null, { user: auth.username });
        else callback(smtpError('Invalid username or password', 535));
      },
    });

    const result = await delivery().deliver(email(smtp.smarthost, { username: 'keel', password: 'hunter22' }));

    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(smtp.mails.map((m) => m.user)).toEqual(['keel']);
  });

  it('does not retry refused credentials (535), and keeps the password out of the error', async () => {
    const smtp = await smtpServer({
      authOptional: false,
      onAuth(_auth, _session, callback) {
        callback(smtpError('Invalid username or password', 535));
      },
    });

    const result = await delivery().deliver(email(smtp.smarthost, { username: 'keel', password: 'wrong-pass' }));

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false });
    expect(result.ok === false && result.error).toContain('535');
    expect(result.ok === false && result.error).not.toContain('wrong-pass');
    expect(smtp.connections).toBe(1);
  });

  it('does not retry a recipient refused with 550', async () => {
    const smtp = await smtpServer({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('Mailbox unavailable', 550));
      },
    });

    const result = await delivery().deliver(email(smtp.smarthost, { to: ['nobody@keel.test'] }));

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false });
    expect(result.ok === false && result.error).toMatch(/^smtp 127\.0\.0\.1:\d+: .*550 Mailbox unavailable/);
    expect(smtp.rcptAttempts).toBe(1);
    expect(smtp.mails).toHaveLength(0);
  });

  it('retries a recipient refused with 451 until attempts run out', async () => {
    const smtp = await smtpServer({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('Try again later', 451));
      },
    });

    const result = await delivery({ maxAttempts: 3 }).deliver(email(smtp.smarthost, { to: ['oncall@keel.test'] }));

    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
    expect(result.ok === false && result.error).toContain('451 Try again later');
    expect(smtp.rcptAttempts).toBe(3);
    expect(smtp.connections).toBe(3);
  });

  it('delivers once a 451 clears', async () => {
    let refusals = 1;
    const smtp = await smtpServer({
      onRcptTo(_address, _session, callback) {
        if (refusals-- > 0) callback(smtpError('Greylisted', 451));
        else callback();
      },
    });

    const result = await delivery().deliver(email(smtp.smarthost, { to: ['oncall@keel.test'] }));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('does not resend to recipients that were accepted when others were refused', async () => {
    const smtp = await smtpServer({
      onRcptTo(address, _session, callback) {
        if (address.address === 'gone@keel.test') callback(smtpError('No such user', 550));
        else callback();
      },
    });

    const result = await delivery().deliver(email(smtp.smarthost, { to: ['oncall@keel.test', 'gone@keel.test'] }));

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false });
    expect(result.ok === false && result.error).toContain('gone@keel.test');
    expect(smtp.mails.map((m) => m.rcptTo)).toEqual([['oncall@keel.test']]);
  });

  it('fails clearly when requireTls is set and the server does not offer STARTTLS', async () => {
    const smtp = await smtpServer();

    const result = await delivery().deliver(email(smtp.smarthost, { requireTls: true }));

    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain('requireTls is set but the server refused STARTTLS');
    expect(smtp.mails).toHaveLength(0);
  });

  it('times out a server that never greets, and retries it', async () => {
    let connections = 0;
    const sockets = new Set<Socket>();
    const silent: TcpServer = createTcpServer((socket) => {
      connections += 1;
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as AddressInfo;

    const result = await delivery({ maxAttempts: 2, timeoutMs: 300 }).deliver(email(`127.0.0.1:${port}`));

    expect(result).toMatchObject({ ok: false, attempts: 2, retryable: true });
    expect(result.ok === false && result.error).toMatch(/timed out|timeout/i);
    expect(connections).toBe(2);
  });
});
