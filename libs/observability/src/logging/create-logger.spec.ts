import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import { runWithContext } from '@keel/context';
import { createLogger } from './create-logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with service, pid, hostname, an ISO time and the level name', () => {
    const out = capture();
    createLogger({ service: 'incidents', level: 'info', destination: out.stream }).info({ incidentId: 7 }, 'opened');
    const [line] = out.lines();
    expect(line).toMatchObject({
      level: 'info',
      service: 'incidents',
      pid: process.pid,
      hostname: hostname(),
      incidentId: 7,
      msg: 'opened',
    });
    expect(new Date(String(line?.time)).toISOString()).toBe(line?.time);
  });

  it('mixes in the correlation id of the current context, and nothing outside one', () => {
    const out = capture();
    const logger = createLogger({ service: 'incidents', level: 'info', destination: out.stream });
    runWithContext({ correlationId: 'corr-42' }, () => logger.info('inside'));
    logger.info('outside');
    const [inside, outside] = out.lines();
    expect(inside).toMatchObject({ msg: 'inside', correlationId: 'corr-42' });
    expect(outside).not.toHaveProperty('correlationId');
  });

  it('does not repeat the correlation id on a child logger that already carries it', () => {
    const out = capture();
    const child = createLogger({ service: 'incidents', level: 'info', destination: out.stream }).child({
      correlationId: 'bound-1',
    });
    runWithContext({ correlationId: 'bound-1' }, () => child.info('once'));
    const raw = JSON.stringify(out.lines()[0]);
    expect(raw.match(/"correlationId"/g)).toHaveLength(1);
  });

  it('redacts credentials, cookies, passwords, secrets and tokens', () => {
    const out = capture();
    createLogger({ service: 'identity', level: 'info', destination: out.stream }).info(
      {
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-api-key': 'k-1', host: 'keel' } },
        user: { email: 'a@b.c', password: 'hunter2' },
        body: { credentials: { refreshToken: 'r-1' } },
        token: 't-1',
        clientSecret: 's-1',
      },
      'login',
    );
    const text = JSON.stringify(out.lines()[0]);
    for (const secret of ['Bearer abc', 'sid=1', 'k-1', 'hunter2', 'r-1', 't-1', 's-1']) {
      expect(text).not.toContain(secret);
    }
    expect(out.lines()[0]).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', host: 'keel' } },
      user: { email: 'a@b.c', password: '[REDACTED]' },
    });
  });

  it('drops lines under the configured level', () => {
    const out = capture();
    const logger = createLogger({ service: 'incidents', level: 'warn', destination: out.stream });
    logger.info('quiet');
    logger.warn('loud');
    expect(out.lines().map((line) => line.msg)).toEqual(['loud']);
  });
});
