import { buildDeadLetterHeaders, DLQ_HEADERS } from './dead-letter';

const source = {
  topic: 'keel.metrics.v1',
  partition: 4,
  offset: '1234567890123',
  headers: { 'x-correlation-id': Buffer.from('corr-7'), binary: Buffer.from([0xff, 0x00, 0xfe]), text: 'kept' },
};

describe('buildDeadLetterHeaders', () => {
  it('keeps the original headers byte for byte and says where the message came from and why', () => {
    const failedAt = new Date('2026-01-02T03:04:05.006Z');
    const headers = buildDeadLetterHeaders(source, 'n: expected number', 'metrics-ingest', failedAt);
    expect(headers).toEqual({
      'x-correlation-id': Buffer.from('corr-7'),
      binary: Buffer.from([0xff, 0x00, 0xfe]),
      text: 'kept',
      'keel-dlq-reason': 'n: expected number',
      'keel-dlq-source-topic': 'keel.metrics.v1',
      'keel-dlq-source-partition': '4',
      'keel-dlq-source-offset': '1234567890123',
      'keel-dlq-failed-at': '2026-01-02T03:04:05.006Z',
      'keel-dlq-consumer-group': 'metrics-ingest',
    });
  });

  it('replaces dead-letter headers the message already had (a message replayed from a dead-letter topic)', () => {
    const replayed = { ...source, headers: { [DLQ_HEADERS.reason]: 'old reason', [DLQ_HEADERS.sourceOffset]: '1' } };
    const headers = buildDeadLetterHeaders(replayed, 'new reason', 'g', new Date(0));
    expect(headers[DLQ_HEADERS.reason]).toBe('new reason');
    expect(headers[DLQ_HEADERS.sourceOffset]).toBe('1234567890123');
  });

  it('cuts a very long reason short', () => {
    const headers = buildDeadLetterHeaders(source, 'x'.repeat(10000), 'g', new Date(0));
    const reason = headers[DLQ_HEADERS.reason];
    expect(typeof reason === 'string' && reason.length).toBe(2000);
    expect(String(reason).endsWith('…')).toBe(true);
  });
});
