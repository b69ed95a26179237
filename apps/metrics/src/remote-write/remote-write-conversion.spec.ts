import { MAX_SAMPLES_PER_MESSAGE, metricsTopic, parseContract } from '@keel/contracts';
import { toMetricsBatches } from './remote-write-conversion';
import type { TimeSeries, WriteRequest } from './remote-write.proto';

const T0 = 1795705200000;
const sentAt = '2026-11-26T15:00:00.000Z';

function series(
  labels: Record<string, string>,
  samples: ([number, number] | [number, number, 'stale'])[],
  histogramCount = 0,
): TimeSeries {
  return {
    labels: Object.entries(labels).map(([name, value]) => ({ name, value })),
    samples: samples.map(([value, timestamp, stale]) => ({ value, timestamp, stale: stale === 'stale' })),
    histogramCount,
  };
}

function request(timeseries: TimeSeries[], metadata: WriteRequest['metadata'] = []): WriteRequest {
  return { timeseries, metadata };
}

describe('toMetricsBatches', () => {
  it('maps __name__ to the name, the other labels to labels, and metadata to the type', () => {
    const result = toMetricsBatches(
      request(
        [
          series({ __name__: 'http_requests_total', job: 'api', empty: '' }, [
            [1, T0],
            [2, T0 + 15_000],
          ]),
          series({ __name__: 'rpc_seconds_bucket', le: '+Inf' }, [[Number.POSITIVE_INFINITY, T0]]),
          series({ __name__: 'temp' }, [[Number.NaN, T0]]),
        ],
        [
          { type: 'COUNTER', metricFamilyName: 'http_requests_total' },
          { type: 'HISTOGRAM', metricFamilyName: 'rpc_seconds' },
          { type: 'INFO', metricFamilyName: 'temp' },
        ],
      ),
      'remote-write:api_key:k1',
      { sentAt },
    );
    expect(result).toEqual({
      batches: [
        {
          source: 'remote-write:api_key:k1',
          sentAt,
          samples: [
            { name: 'http_requests_total', labels: { job: 'api' }, value: 1, timestampMs: T0, type: 'counter' },
            {
              name: 'http_requests_total',
              labels: { job: 'api' },
              value: 2,
              timestampMs: T0 + 15_000,
              type: 'counter',
            },
            { name: 'rpc_seconds_bucket', labels: { le: '+Inf' }, value: '+Inf', timestampMs: T0, type: 'histogram' },
            { name: 'temp', labels: {}, value: 'NaN', timestampMs: T0 },
          ],
        },
      ],
      accepted: 4,
      refused: 0,
      reasons: [],
      staleMarkers: 0,
    });
    expect(parseContract(metricsTopic, result.batches[0]).ok).toBe(true);
  });

  it('drops staleness markers and counts them, keeping ordinary NaN', () => {
    const samples: ([number, number] | [number, number, 'stale'])[] = [
      [1, T0],
      [Number.NaN, T0 + 1, 'stale'],
      [Number.NaN, T0 + 2],
    ];
    const result = toMetricsBatches(request([series({ __name__: 'up' }, samples)]), 's');
    expect(result.staleMarkers).toBe(1);
    expect(result.batches[0]?.samples.map((s) => s.value)).toEqual([1, 'NaN']);
  });

  it('refuses bad series and samples with reasons naming them, and keeps the good ones', () => {
    const result = toMetricsBatches(
      request([
        series({ job: 'no-name' }, [
          [1, T0],
          [2, T0],
        ]),
        series({ __name__: 'ok' }, [
          [1, T0],
          [1, 1_795_705_200],
        ]),
        series({ __name__: 'bad-name' }, [[1, T0]]),
        series({ __name__: 'x', __meta_port: '80' }, [[1, T0]]),
        series({ __name__: 'h' }, [], 3),
      ]),
      's',
    );
    expect(result.accepted).toBe(1);
    expect(result.refused).toBe(2 + 1 + 1 + 1 + 3);
    expect(result.reasons).toEqual([
      'timeseries[0] {job="no-name"}: no __name__ label',
      'timeseries[1] {__name__="ok"} samples[1]: timestampMs: must be milliseconds since the epoch in the years 2000..2099 (946684800000 <= t < 4102444800000), got 1795705200',
      'timeseries[2] {__name__="bad-name"} samples[0]: name: must match ^[a-zA-Z_:][a-zA-Z0-9_:]*$',
      'timeseries[3] {__name__="x", __meta_port="80"} samples[0]: labels.__meta_port: label names starting with "__" are reserved',
      'timeseries[4] {__name__="h"}: native histograms are not supported',
    ]);
  });

  it('refuses a series with a label given twice', () => {
    const duplicated: TimeSeries = {
      labels: [
        { name: '__name__', value: 'up' },
        { name: 'job', value: 'a' },
        { name: 'job', value: 'b' },
      ],
      samples: [{ value: 1, timestamp: T0, stale: false }],
      histogramCount: 0,
    };
    expect(toMetricsBatches(request([duplicated]), 's').reasons).toEqual([
      'timeseries[0] {__name__="up", job="a", job="b"}: label "job" appears twice',
    ]);
  });

  it(`splits at ${MAX_SAMPLES_PER_MESSAGE} samples per message`, () => {
    const many = Array.from({ length: MAX_SAMPLES_PER_MESSAGE + 5 }, (_, i): [number, number] => [i, T0 + i]);
    const result = toMetricsBatches(request([series({ __name__: 'up' }, many)]), 's');
    expect(result.batches.map((b) => b.samples.length)).toEqual([MAX_SAMPLES_PER_MESSAGE, 5]);
  });

  it('publishes nothing for a metadata-only request', () => {
    expect(toMetricsBatches(request([], [{ type: 'GAUGE', metricFamilyName: 'x' }]), 's').batches).toEqual([]);
  });
});
