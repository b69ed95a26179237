import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RetryingDelivery, type RetryingDeliveryOptions } from './retrying-delivery';
import { ERROR_BODY_LIMIT_BYTES, USER_AGENT } from './http-sender';

// Real HTTP receivers on 127.0.0.1, port 0; the delivery goes through fetch and the real retry loop.

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
}

type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void;

const servers: Server[] = [];

async function receiver(handler: Handler, path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res, received.length - 1);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${path}`, received };
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function delivery(overrides: Partial<RetryingDeliveryOptions> = {}): RetryingDelivery {
  return new RetryingDelivery({ maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20, timeoutMs: 5000, ...overrides });
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

describe('webhook delivery against a real HTTP server', () => {
  const body = {
    version: '4',
    status: 'firing',
    alerts: [{ labels: { alertname: 'HighLatency', service: 'checkout' }, annotations: { summary: 'p99 > 1s — ünï' } }],
  };

  it('retries two 500s, then delivers: three attempts, the same intact body each time', async () => {
    const hook = await receiver((_req, res, i) => {
      res.writeHead(i < 2 ? 500 : 200).end(i < 2 ? 'try later' : 'ok');
    });

    const result = await delivery().deliver({ kind: 'webhook', url: hook.url, headers: { 'X-Keel': 'yes' } }, body);

    expect(result).toMatchObject({ ok: true, attempts: 3, status: 200 });
    expect(hook.received).toHaveLength(3);
    for (const request of hook.received) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/hook');
      expect(JSON.parse(request.body)).toEqual(body);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['user-agent']).toBe(USER_AGENT);
      expect(request.headers['x-keel']).toBe('yes');
    }
  });

  it('times out a receiver that never answers, retries it, and fails with a clear retryable error', async () => {
    const hook = await receiver(() => undefined);

    const result = await delivery({ maxAttempts: 2, timeoutMs: 300 }).deliver({ kind: 'webhook', url: hook.url }, body);

    expect(result).toMatchObject({ ok: false, attempts: 2, retryable: true });
    expect(result.ok === false && result.error).toBe(
      `gave up after 2 attempts: POST ${new URL(hook.url).origin}/<redacted>: timed out after 300 ms`,
    );
    expect(hook.received).toHaveLength(2);
  });

  it('does not retry a 400, and reports its status and body', async () => {
    const hook = await receiver((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_payload"}');
    });

    const result = await delivery().deliver({ kind: 'webhook', url: hook.url }, body);

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false, status: 400 });
    expect(result.ok === false && result.error).toContain('HTTP 400: {"error":"invalid_payload"}');
    expect(hook.received).toHaveLength(1);
  });

  it('retries a 429', async () => {
    const hook = await receiver((_req, res, i) => {
      res.writeHead(i === 0 ? 429 : 204).end();
    });

    const result = await delivery().deliver({ kind: 'webhook', url: hook.url }, body);

    expect(result).toMatchObject({ ok: true, attempts: 2, status: 204 });
  });

  it('keeps a Slack-style secret path out of the error, even when the receiver echoes it', async () => {
    const secretPath = '/services/T0000/B0000/XXXXXXXXsecretXXXXXXXX';
    const hook = await receiver((req, res) => {
      res.writeHead(404).end(`Cannot POST ${req.url ?? ''}`);
    }, secretPath);

    const result = await delivery().deliver({ kind: 'webhook', url: hook.url }, { text: 'hi' });

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false, status: 404 });
    const error = result.ok === false ? result.error : '';
    expect(error).toContain('HTTP 404: Cannot POST <redacted>');
    expect(error).toContain(new URL(hook.url).host);
    expect(error).not.toContain('secret');
    expect(hook.received[0].url).toBe(secretPath);
  });

  it('puts at most the first KiB of an error body in the error', async () => {
    const hook = await receiver((_req, res) => {
      res.writeHead(400).end('x'.repeat(50_000));
    });

    const result = await delivery().deliver({ kind: 'webhook', url: hook.url }, body);

    const error = result.ok === false ? result.error : '';
    expect(error).toContain('(truncated)');
    expect(error.match(/x+/g)?.some((run) => run.length === ERROR_BODY_LIMIT_BYTES)).toBe(true);
    expect(error.length).toBeLessThan(ERROR_BODY_LIMIT_BYTES + 200);
  });

  it('sends URL credentials as Basic auth, never in the error', async () => {
    const hook = await receiver((_req, res) => {
      res.writeHead(401).end('denied');
    });
    const url = new URL(hook.url);
    url.username = 'keel';
    url.password = 'hunter22';

    const result = await delivery().deliver({ kind: 'webhook', url: url.href }, body);

    expect(hook.received[0].headers.authorization).toBe(`Basic ${Buffer.from('keel:hunter22').toString('base64')}`);
    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false, status: 401 });
    expect(result.ok === false && result.error).not.toContain('hunter22');
  });

  it('retries a refused connection as a network error', async () => {
    const port = await closedPort();

    const result = await delivery().deliver({ kind: 'webhook', url: `http://127.0.0.1:${port}/hook` }, body);

    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
    expect(result.ok === false && result.error).toContain('ECONNREFUSED');
  });

  it('delivers to a healthy receiver while another one hangs', async () => {
    let hangingArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (hangingArrived = resolve));
    const hanging = await receiver(() => hangingArrived());
    const healthy = await receiver((_req, res) => {
      res.writeHead(200).end();
    });
    const shared = delivery({ maxAttempts: 1, timeoutMs: 60_000 });
    const shutdown = new AbortController();

    let hangingSettled = false;
    const stuck = shared.deliver({ kind: 'webhook', url: hanging.url }, body, shutdown.signal).then((r) => {
      hangingSettled = true;
      return r;
    });
    await arrived;
    const fast = await shared.deliver({ kind: 'webhook', url: healthy.url }, body);

    expect(fast).toMatchObject({ ok: true, attempts: 1, status: 200 });
    expect(healthy.received).toHaveLength(1);
    expect(hangingSettled).toBe(false);

    shutdown.abort();
    await expect(stuck).resolves.toMatchObject({ ok: false, attempts: 1, aborted: true, retryable: true });
  });

  it('stops an attempt in flight when the caller aborts', async () => {
    const shutdown = new AbortController();
    const hook = await receiver(() => shutdown.abort());

    const result = await delivery({ timeoutMs: 60_000 }).deliver(
      { kind: 'webhook', url: hook.url },
      body,
      shutdown.signal,
    );

    expect(result).toMatchObject({ ok: false, attempts: 1, aborted: true });
    expect(result.ok === false && result.error).toContain('aborted');
    expect(hook.received).toHaveLength(1);
  });
});
