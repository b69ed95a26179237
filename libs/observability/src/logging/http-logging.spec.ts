import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { pino } from 'pino';
import { httpLoggingOptions } from './http-logging';

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.headers = headers;
  return req;
}

function response(req: IncomingMessage, status: number): ServerResponse {
  const res = new ServerResponse(req);
  res.statusCode = status;
  return res;
}

describe('httpLoggingOptions', () => {
  const options = httpLoggingOptions(pino({ level: 'silent' }));

  it('uses the sanitized incoming correlation id as request id, or a new one', () => {
    const sent = request('/x', { 'x-correlation-id': 'abc-123' });
    expect(options.genReqId?.(sent, response(sent, 200))).toBe('abc-123');
    const unsafe = request('/x', { 'x-correlation-id': 'bad id\nwith newline' });
    expect(options.genReqId?.(unsafe, response(unsafe, 200))).toMatch(/^[0-9a-f-]{36}$/);
    const none = request('/x');
    const first = options.genReqId?.(none, response(none, 200));
    expect(options.genReqId?.(none, response(none, 200))).toBe(first);
  });

  it('logs 5xx as error, 4xx as warn and the rest as info', () => {
    const req = request('/x');
    expect(options.customLogLevel?.(req, response(req, 503))).toBe('error');
    expect(options.customLogLevel?.(req, response(req, 200), new Error('boom'))).toBe('error');
    expect(options.customLogLevel?.(req, response(req, 404))).toBe('warn');
    expect(options.customLogLevel?.(req, response(req, 201))).toBe('info');
  });

  it('does not log probe requests', () => {
    const autoLogging = options.autoLogging;
    if (typeof autoLogging !== 'object' || !autoLogging.ignore) {
      throw new Error('autoLogging.ignore is not set');
    }
    const ignore = autoLogging.ignore;
    for (const url of ['/health', '/health/live', '/health/ready', '/metrics', '/api/health/ready?x=1']) {
      expect(ignore(request(url))).toBe(true);
    }
    for (const url of ['/api/v1/things/1', '/graphql', '/healthy', '/metrics-export']) {
      expect(ignore(request(url))).toBe(false);
    }
  });
});
