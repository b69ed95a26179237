import { recentErrorsFromLog, renderHealthReport } from './health-report';

describe('recentErrorsFromLog', () => {
  it('keeps the last error and fatal entries and skips other lines', () => {
    const log = [
      JSON.stringify({ level: 30, time: 1764000000000, msg: 'started' }),
      JSON.stringify({ level: 50, time: 1764000001000, msg: 'query failed', err: { message: 'timeout' } }),
      'not json',
      '{"level":60,"time":1764000002000,"msg":"out of memory"}',
      '{"level":50,"time":17640',
    ].join('\n');
    expect(recentErrorsFromLog('identity', log, 10)).toEqual([
      { service: 'identity', time: '2025-11-24T16:00:01.000Z', message: 'query failed: timeout' },
      { service: 'identity', time: '2025-11-24T16:00:02.000Z', message: 'out of memory' },
    ]);
    expect(recentErrorsFromLog('identity', log, 1)).toHaveLength(1);
  });
});

describe('renderHealthReport', () => {
  it('marks failures and the overall verdict', () => {
    const text = renderHealthReport({
      date: '2026-11-26T08:00:00.000Z',
      services: [
        { name: 'identity', ok: true, detail: 'ready' },
        { name: 'gateway', ok: false, detail: 'connection refused' },
      ],
      database: { name: 'postgresql', ok: true, detail: 'PostgreSQL 15.19' },
      kafka: { name: 'kafka', ok: true, detail: '1 broker' },
      recentErrors: [],
      healthy: false,
    });
    expect(text).toContain('ok   identity');
    expect(text).toContain('FAIL gateway      connection refused');
    expect(text).toContain('Recent Errors:\n  none');
    expect(text).toContain('Overall: UNHEALTHY');
  });
});
