import { evaluateInstant, evaluateRange } from './engine';
import { MemorySeriesStore } from './memory-store';
import { isStaleNaN, STALE_NAN } from './stale';
import { storeFrom } from './test-store';
import { PromQLError, type QueryValue } from './types';

const s = (seconds: number): number => seconds * 1000;
const m = (minutes: number): number => minutes * 60_000;

function vectorOf(value: QueryValue): Record<string, number> {
  if (value.type !== 'vector') {
    throw new Error(`expected a vector, got ${value.type}`);
  }
  return Object.fromEntries(value.samples.map((x) => [JSON.stringify(x.labels), x.v]));
}

describe('evaluateInstant: selectors, lookback and staleness', () => {
  const store = storeFrom(s(10), ['metric 0 1 stale 2', 'single 5']);

  it('returns the latest sample within the 5 minute lookback (left-open)', async () => {
    expect(vectorOf((await evaluateInstant('single', s(299), store)).value)).toEqual({ '{"__name__":"single"}': 5 });
    expect(vectorOf((await evaluateInstant('single', s(300), store)).value)).toEqual({});
  });

  it('hides a series from its stale marker on until the next sample', async () => {
    expect(vectorOf((await evaluateInstant('metric', s(20), store)).value)).toEqual({});
    expect(vectorOf((await evaluateInstant('metric', s(30), store)).value)).toEqual({ '{"__name__":"metric"}': 2 });
  });

  it('honours a custom lookback delta', async () => {
    const r = await evaluateInstant('single', s(61), store, { lookbackDeltaMs: s(60) });
    expect(vectorOf(r.value)).toEqual({});
  });

  it('selects a left-open range and drops stale markers', async () => {
    const r = await evaluateInstant('metric[30s]', s(30), store);
    expect(r.value).toEqual({
      type: 'matrix',
      series: [
        {
          labels: { __name__: 'metric' },
          samples: [
            { t: s(10), v: 1 },
            { t: s(30), v: 2 },
          ],
        },
      ],
    });
  });

  it('applies offset and @ to the reading time', async () => {
    const counter = storeFrom(m(1), ['c 0+1x100']);
    expect(vectorOf((await evaluateInstant('c offset 10m', m(50), counter)).value)).toEqual({ '{"__name__":"c"}': 40 });
    expect(vectorOf((await evaluateInstant('c @ 600', m(50), counter)).value)).toEqual({ '{"__name__":"c"}': 10 });
    const range = await evaluateRange('c @ start()', m(5), m(7), m(1), counter);
    expect(range.value).toMatchObject({ type: 'matrix', series: [{ samples: [{ v: 5 }, { v: 5 }, { v: 5 }] }] });
  });

  it('aligns subquery steps to multiples of the step', async () => {
    const counter = storeFrom(m(1), ['c 0+1x100']);
    const r = await evaluateInstant('c[5m:2m]', m(10) + s(30), counter);
    expect(r.value).toMatchObject({ type: 'matrix', series: [{ samples: [{ t: m(6) }, { t: m(8) }, { t: m(10) }] }] });
  });

  it('exposes the staleness marker value', () => {
    expect(isStaleNaN(STALE_NAN)).toBe(true);
    expect(isStaleNaN(NaN)).toBe(false);
  });
});

describe('evaluateRange', () => {
  it('evaluates each step and merges series by label set', async () => {
    const store = storeFrom(s(30), ['metric 1+1x4']);
    const r = await evaluateRange('metric * 2', 0, m(2), m(1), store);
    expect(r.value).toEqual({
      type: 'matrix',
      series: [
        {
          labels: {},
          samples: [
            { t: 0, v: 2 },
            { t: m(1), v: 6 },
            { t: m(2), v: 10 },
          ],
        },
      ],
    });
  });

  it('returns scalars as a series without labels', async () => {
    const r = await evaluateRange('time()', 0, s(20), s(10), new MemorySeriesStore());
    expect(r.value).toMatchObject({ series: [{ labels: {}, samples: [{ v: 0 }, { v: 10 }, { v: 20 }] }] });
  });

  it('refuses range vectors and non-positive steps', async () => {
    await expect(evaluateRange('x[5m]', 0, 1, 1, new MemorySeriesStore())).rejects.toThrow(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
    await expect(evaluateRange('x', 0, 1, 0, new MemorySeriesStore())).rejects.toThrow('zero or negative');
  });

  it('warns that sort is ineffective in range queries, with the position', async () => {
    const r = await evaluateRange('sum(sort(x))', 0, m(1), m(1), storeFrom(m(1), ['x 1 2']));
    expect(r.warnings).toEqual([
      'PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:5)',
    ]);
  });
});

describe('limits', () => {
  const store = storeFrom(s(1), ['x{a="1"} 0+1x1000', 'x{a="2"} 0+1x1000']);

  it('refuses a query that would load more samples than allowed', async () => {
    await expect(evaluateInstant('x[10m]', s(1000), store, { maxSamples: 100 })).rejects.toMatchObject({
      kind: 'too_many_samples',
      message: 'query processing would load too many samples into memory in query execution',
    });
  });

  it('refuses a range query whose result would exceed the limit', async () => {
    await expect(evaluateRange('vector(1)', 0, s(1000), s(1), store, { maxSamples: 50 })).rejects.toBeInstanceOf(
      PromQLError,
    );
  });

  it('stops when the signal is aborted or the time is up', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(evaluateInstant('x', 0, store, { signal: controller.signal })).rejects.toMatchObject({
      kind: 'canceled',
    });
    await expect(
      evaluateRange('sum_over_time(x[5m:1s])', 0, s(1000), s(1), store, { timeoutMs: 0 }),
    ).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reports parse errors as bad_data with Prometheus wording', async () => {
    await expect(evaluateInstant('sum(', 0, store)).rejects.toMatchObject({
      kind: 'bad_data',
      message: '1:5: parse error: unexpected end of input',
    });
  });
});
