import { CorrelationId } from '@keel/contracts';
import { CORRELATION_HEADER, correlationIdFrom, newCorrelationId, sanitizeCorrelationId } from './correlation-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlation ids', () => {
  it('uses the x-correlation-id header', () => {
    expect(CORRELATION_HEADER).toBe('x-correlation-id');
  });

  it('generates distinct v4 UUIDs', () => {
    const a = newCorrelationId();
    expect(a).toMatch(UUID);
    expect(newCorrelationId()).not.toBe(a);
  });

  it.each(['a', '3f1e2d4c-5b6a-4789-8a0b-1c2d3e4f5a6b', 'req.42:retry_1-A', 'x'.repeat(128)])('accepts %p', (raw) => {
    expect(sanitizeCorrelationId(raw)).toBe(raw);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['spaces', 'has space'],
    ['a newline (log injection)', 'abc\ninjected'],
    ['a slash', 'a/b'],
    ['non-ASCII', 'café'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { id: 'abc' }],
  ])('refuses %s', (_label, raw) => {
    expect(sanitizeCorrelationId(raw)).toBeUndefined();
  });

  it('reads Kafka header buffers and the first of repeated HTTP headers', () => {
    expect(sanitizeCorrelationId(Buffer.from('from-kafka'))).toBe('from-kafka');
    expect(sanitizeCorrelationId(['first', 'second'])).toBe('first');
    expect(sanitizeCorrelationId(['bad value', 'second'])).toBeUndefined();
    expect(sanitizeCorrelationId([])).toBeUndefined();
  });

  it('keeps a valid incoming id and replaces a bad one', () => {
    expect(correlationIdFrom('keep-me')).toBe('keep-me');
    expect(correlationIdFrom('bad id')).toMatch(UUID);
    expect(correlationIdFrom(undefined)).toMatch(UUID);
  });

  it('agrees with the CorrelationId contract of @keel/contracts', () => {
    const samples = ['ok', 'a:b.c-d_e', 'x'.repeat(128), 'x'.repeat(129), '', 'sp ace', 'tab\t', 'ü'];
    for (const sample of samples) {
      expect(sanitizeCorrelationId(sample) !== undefined).toBe(CorrelationId.safeParse(sample).success);
    }
  });
});
