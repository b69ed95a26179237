import { evaluateInstant } from './engine';
import { storeFrom } from './test-store';
import type { MemorySeriesStore } from './memory-store';
import type { QueryValue } from './types';

const m = (minutes: number): number => minutes * 60_000;

function values(value: QueryValue): Record<string, number> {
  if (value.type !== 'vector') {
    throw new Error(`expected a vector, got ${value.type}`);
  }
  return Object.fromEntries(value.samples.map((x) => [JSON.stringify(x.labels), x.v]));
}

async function one(query: string, at: number, store: MemorySeriesStore): Promise<number> {
  const r = await evaluateInstant(query, at, store);
  const all = Object.values(values(r.value));
  if (all.length !== 1) {
    throw new Error(`expected one sample from ${query}, got ${all.length}`);
  }
  return all[0];
}

describe('counter and gauge functions', () => {
  const store = storeFrom(m(5), [
    'plain_total 0+10x10',
    'reset_total 0+27x4 0+27x5',
    'offset_total 1+10x10',
    'gauge 0 50 100 150 200',
  ]);

  it('rate and increase extrapolate to the window edges', async () => {
    expect(await one('increase(plain_total[50m])', m(50), store)).toBeCloseTo(100);
    expect(await one('rate(reset_total[50m])', m(50), store)).toBeCloseTo(0.08);
    // The counter would reach zero 30s before its first sample, so extrapolation stops there.
    expect(await one('increase(offset_total[100m])', m(50), store)).toBeCloseTo(101);
  });

  it('flags rate over a name that does not look like a counter', async () => {
    const r = await evaluateInstant('rate(gauge[10m])', m(20), store);
    expect(r.infos).toEqual([
      'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "gauge" (1:6)',
    ]);
  });

  it('delta, idelta and irate use the last samples', async () => {
    expect(await one('delta(gauge[20m])', m(20), store)).toBeCloseTo(200);
    expect(await one('idelta(gauge[20m])', m(20), store)).toBe(50);
    expect(await one('irate(plain_total[20m])', m(20), store)).toBeCloseTo(10 / 300);
  });

  it('deriv and predict_linear fit a line', async () => {
    expect(await one('deriv(plain_total[50m])', m(50), store)).toBeCloseTo(10 / 300);
    expect(await one('predict_linear(plain_total[50m], 3600)', m(50), store)).toBeCloseTo(220);
  });

  it('resets and changes count transitions', async () => {
    expect(await one('resets(reset_total[50m])', m(50), store)).toBe(1);
    expect(await one('changes(gauge[20m])', m(20), store)).toBe(3);
  });

  it('returns nothing when the window has too few samples', async () => {
    expect(values((await evaluateInstant('rate(plain_total[5m])', m(52), store)).value)).toEqual({});
  });
});

describe('*_over_time', () => {
  const store = storeFrom(10_000, ['g 0 8 8 2 3', 'n 1 2 NaN 4']);
  const at = 60_000;

  it.each([
    ['avg_over_time', 4.2],
    ['sum_over_time', 21],
    ['count_over_time', 5],
    ['min_over_time', 0],
    ['max_over_time', 8],
    ['last_over_time', 3],
    ['first_over_time', 0],
    ['present_over_time', 1],
    ['stdvar_over_time', 10.56],
    ['stddev_over_time', Math.sqrt(10.56)],
    ['mad_over_time', 3],
    ['ts_of_min_over_time', 0],
  ])('%s', async (fn, expected) => {
    expect(await one(`${fn}(g[2m])`, at, store)).toBeCloseTo(expected);
  });

  it('quantile_over_time interpolates and warns outside [0, 1]', async () => {
    expect(await one('quantile_over_time(0.5, g[2m])', at, store)).toBe(3);
    const r = await evaluateInstant('quantile_over_time(2, g[2m])', at, store);
    expect(values(r.value)).toEqual({ '{}': Infinity });
    expect(r.warnings).toEqual(['PromQL warning: quantile value should be between 0 and 1, got 2 (1:20)']);
  });

  it('keeps the metric name only for last/first_over_time', async () => {
    expect(values((await evaluateInstant('last_over_time(g[1m])', at, store)).value)).toEqual({
      '{"__name__":"g"}': 3,
    });
  });

  it('absent_over_time reports the equality matchers of a missing series', async () => {
    const r = await evaluateInstant('absent_over_time(nope{job="a", env=~"x"}[1m])', at, store);
    expect(values(r.value)).toEqual({ '{"job":"a"}': 1 });
  });
});

describe('instant vector functions', () => {
  const store = storeFrom(m(5), [
    'v{src="a"} -2.5',
    'v{src="b"} 0',
    'v{src="c"} 100',
    'info{src="a", dst="old"} 1',
    'bucket_bucket{le="0.1"} 10',
    'bucket_bucket{le="0.5"} 30',
    'bucket_bucket{le="+Inf"} 40',
  ]);

  it('math functions drop the metric name', async () => {
    expect(values((await evaluateInstant('abs(v)', 0, store)).value)).toEqual({
      '{"src":"a"}': 2.5,
      '{"src":"b"}': 0,
      '{"src":"c"}': 100,
    });
    expect(await one('round(v{src="a"})', 0, store)).toBe(-2);
    expect(await one('round(v{src="c"} / 7, 0.5)', 0, store)).toBe(14.5);
    expect(await one('sgn(v{src="a"})', 0, store)).toBe(-1);
  });

  it('clamps, and returns nothing when max < min', async () => {
    expect(values((await evaluateInstant('clamp(v, -1, 50)', 0, store)).value)).toEqual({
      '{"src":"a"}': -1,
      '{"src":"b"}': 0,
      '{"src":"c"}': 50,
    });
    expect(values((await evaluateInstant('clamp(v, 5, -5)', 0, store)).value)).toEqual({});
  });

  it('label_replace and label_join rewrite labels and refuse duplicates', async () => {
    expect(
      values((await evaluateInstant('label_replace(info, "dst", "new-$1", "src", "(.*)")', 0, store)).value),
    ).toEqual({
      '{"__name__":"info","dst":"new-a","src":"a"}': 1,
    });
    expect(values((await evaluateInstant('label_join(info, "dst", "-", "src", "src")', 0, store)).value)).toEqual({
      '{"__name__":"info","dst":"a-a","src":"a"}': 1,
    });
    await expect(evaluateInstant('label_replace(v, "src", "", "", "")', 0, store)).rejects.toThrow(
      'vector cannot contain metrics with the same labelset',
    );
  });

  it('histogram_quantile interpolates classic buckets', async () => {
    expect(await one('histogram_quantile(0.5, bucket_bucket)', 0, store)).toBeCloseTo(0.3);
    expect(await one('histogram_quantile(0.99, bucket_bucket)', 0, store)).toBe(0.5);
  });

  it('histogram_quantile fixes non-monotonic buckets and says so', async () => {
    const broken = storeFrom(m(5), ['h_bucket{le="1"} 10', 'h_bucket{le="2"} 5', 'h_bucket{le="+Inf"} 10']);
    const r = await evaluateInstant('histogram_quantile(0.5, h_bucket)', 0, broken);
    expect(values(r.value)).toEqual({ '{}': 0.5 });
    expect(r.infos[0]).toMatch(/^PromQL info: input to histogram_quantile needed to be fixed for monotonicity/);
  });

  it('sort, sort_desc and sort_by_label order the result', async () => {
    const sorted = await evaluateInstant('sort_desc(v)', 0, store);
    expect(sorted.value.type === 'vector' && sorted.value.samples.map((x) => x.v)).toEqual([100, 0, -2.5]);
    const natural = storeFrom(m(5), ['c{cpu="10"} 1', 'c{cpu="2"} 1', 'c{cpu="1"} 1']);
    const byLabel = await evaluateInstant('sort_by_label(c, "cpu")', 0, natural);
    expect(byLabel.value.type === 'vector' && byLabel.value.samples.map((x) => x.labels.cpu)).toEqual(['1', '2', '10']);
  });

  it('absent, scalar, vector and time functions', async () => {
    expect(values((await evaluateInstant('absent(nope{a="b"})', 0, store)).value)).toEqual({ '{"a":"b"}': 1 });
    expect(values((await evaluateInstant('absent(v)', 0, store)).value)).toEqual({});
    expect((await evaluateInstant('scalar(v)', 0, store)).value).toMatchObject({ type: 'scalar', v: NaN });
    expect(await one('vector(time())', 90_000, store)).toBe(90);
    expect(await one('year(vector(1136239445))', 0, store)).toBe(2006);
    expect(await one('day_of_week(vector(1136239445))', 0, store)).toBe(1);
    expect(await one('days_in_month(vector(1454284800))', 0, store)).toBe(29);
    expect(await one('timestamp(v{src="a"})', m(1), store)).toBe(0);
  });
});
