import { fingerprintOf, normalizeLabels, rawSeriesKey, seriesKey } from './series-key';

describe('seriesKey and fingerprintOf', () => {
  it('do not depend on the order of the labels', () => {
    const a = seriesKey('http_requests_total', { method: 'GET', code: '200' });
    const b = seriesKey('http_requests_total', { code: '200', method: 'GET' });
    expect(a).toBe(b);
    expect(fingerprintOf(a).equals(fingerprintOf(b))).toBe(true);
  });

  it('treat an empty label value as an absent label', () => {
    expect(seriesKey('up', { job: 'api', instance: '' })).toBe(seriesKey('up', { job: 'api' }));
  });

  it('tell apart series that differ by name, label name or label value', () => {
    const keys = new Set([
      seriesKey('up', { job: 'api' }),
      seriesKey('up2', { job: 'api' }),
      seriesKey('up', { jobs: 'api' }),
      seriesKey('up', { job: 'apI' }),
      seriesKey('up', { job: 'a', pi: '' }),
      seriesKey('up', { j: 'ob', api: 'x' }),
      seriesKey('up', {}),
    ]);
    expect(keys.size).toBe(7);
  });

  it('gives 16-byte fingerprints that differ for different keys', () => {
    const one = fingerprintOf(seriesKey('up', { job: 'a' }));
    expect(one).toHaveLength(16);
    expect(one.equals(fingerprintOf(seriesKey('up', { job: 'b' })))).toBe(false);
  });

  it('normalizes labels to sorted, non-empty values', () => {
    const normalized = normalizeLabels({ b: '2', a: '1', c: '' });
    expect(Object.entries(normalized)).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it("keep the sample's label order in the raw cache key, which equals the canonical key for sorted labels", () => {
    expect(rawSeriesKey('up', { a: '1', b: '2' })).toBe(seriesKey('up', { b: '2', a: '1' }));
    expect(rawSeriesKey('up', { b: '2', a: '1' })).not.toBe(rawSeriesKey('up', { a: '1', b: '2' }));
    expect(rawSeriesKey('up', { job: 'a', pi: '' })).not.toBe(rawSeriesKey('up', { j: 'ob', api: '' }));
  });
});
