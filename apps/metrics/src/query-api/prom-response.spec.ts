import { toPromQueryData } from './prom-response';

describe('toPromQueryData', () => {
  it('renders every result type as the Prometheus API does', () => {
    expect(toPromQueryData({ type: 'scalar', t: 1_435_781_451_781, v: 2 })).toEqual({
      resultType: 'scalar',
      result: [1435781451.781, '2'],
    });
    expect(toPromQueryData({ type: 'string', t: 1000, v: 'hello' })).toEqual({
      resultType: 'string',
      result: [1, 'hello'],
    });
    expect(
      toPromQueryData({ type: 'vector', samples: [{ labels: { __name__: 'up', job: 'a' }, t: 60_000, v: NaN }] }),
    ).toEqual({ resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'a' }, value: [60, 'NaN'] }] });
    expect(
      toPromQueryData({
        type: 'matrix',
        series: [
          {
            labels: { job: 'a' },
            samples: [
              { t: 0, v: Infinity },
              { t: 15_000, v: 1e-7 },
            ],
          },
        ],
      }),
    ).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: { job: 'a' },
          values: [
            [0, '+Inf'],
            [15, '0.0000001'],
          ],
        },
      ],
    });
  });
});
