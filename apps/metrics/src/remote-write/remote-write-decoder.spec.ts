import { compress } from 'snappyjs';
import { decodeRemoteWrite } from './remote-write-decoder';
import { RemoteWriteError, RemoteWriteErrorCode } from './remote-write.errors';
import { Field, Root, Type } from 'protobufjs';

const CONTENT_TYPE = 'application/x-protobuf';
const T0 = 1795705200000;

/**
 * Hand-written bytes, independent of protobufjs and snappyjs (computed once with a few lines of Python and
 * committed): a snappy block of literals only, holding a WriteRequest of
 *   up{job="api"}  1 @T0, 0.5 @T0+15s
 *   temp_celsius  -3.25 @T0
 */
const HAND_WRITTEN_FIXTURE = Buffer.from(
  '70ec0a400a0e0a085f5f6e616d655f5f120275700a0a0a036a6f621203617069121009000000000000f03f1080bbfbc2a134121009000000000000e03f10cc98b0fcc2a1340a2c0a180a085f5f6e616d655f5f120c74656d705f63656c736975731210090000000000000ac01080bbfbc2a134',
  'hex',
);

/**
 * prompb as Prometheus declares it (Sample.value a `double`), written out separately from the decoder's
 * schema, which reads that field as fixed64 to see NaN bits.
 */
function prompbWriteRequest(): Type {
  const root = new Root();
  root
    .define('prompb')
    .add(new Type('Label').add(new Field('name', 1, 'string')).add(new Field('value', 2, 'string')))
    .add(new Type('Sample').add(new Field('value', 1, 'double')).add(new Field('timestamp', 2, 'int64')))
    .add(
      new Type('TimeSeries')
        .add(new Field('labels', 1, 'Label', 'repeated'))
        .add(new Field('samples', 2, 'Sample', 'repeated')),
    )
    .add(
      new Type('MetricMetadata')
        .add(new Field('type', 1, 'int32'))
        .add(new Field('metricFamilyName', 2, 'string'))
        .add(new Field('help', 4, 'string'))
        .add(new Field('unit', 5, 'string')),
    )
    .add(
      new Type('WriteRequest')
        .add(new Field('timeseries', 1, 'TimeSeries', 'repeated'))
        .add(new Field('metadata', 3, 'MetricMetadata', 'repeated')),
    );
  return root.lookupType('prompb.WriteRequest');
}
const PrompbWriteRequest = prompbWriteRequest();

/** As Prometheus' remote-write client does: marshal the WriteRequest, then snappy.Encode (block format). */
function encodeLikePrometheus(request: Record<string, unknown>): Buffer {
  const message = PrompbWriteRequest.fromObject(request);
  return Buffer.from(compress(PrompbWriteRequest.encode(message).finish()));
}

function codeOf(fn: () => unknown): RemoteWriteErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof RemoteWriteError) return error.code;
    throw error;
  }
  return undefined;
}

describe('decodeRemoteWrite', () => {
  it('decodes the hand-written fixture', () => {
    expect(decodeRemoteWrite(HAND_WRITTEN_FIXTURE, 'snappy', CONTENT_TYPE)).toEqual({
      timeseries: [
        {
          labels: [
            { name: '__name__', value: 'up' },
            { name: 'job', value: 'api' },
          ],
          samples: [
            { value: 1, timestamp: T0, stale: false },
            { value: 0.5, timestamp: T0 + 15_000, stale: false },
          ],
          histogramCount: 0,
        },
        {
          labels: [{ name: '__name__', value: 'temp_celsius' }],
          samples: [{ value: -3.25, timestamp: T0, stale: false }],
          histogramCount: 0,
        },
      ],
      metadata: [],
    });
  });

  it('decodes a request encoded like Prometheus, with metadata, zero values and special floats', () => {
    const body = encodeLikePrometheus({
      timeseries: [
        {
          labels: [
            { name: '__name__', value: 'http_requests_total' },
            { name: 'code', value: '200' },
            { name: 'instance', value: 'api:9090' },
          ],
          samples: [
            { value: 0, timestamp: T0 },
            { value: 1027, timestamp: T0 + 15_000 },
            { value: Number.POSITIVE_INFINITY, timestamp: T0 + 30_000 },
          ],
        },
      ],
      metadata: [{ type: 1, metricFamilyName: 'http_requests_total', help: 'Requests.', unit: '' }],
    });
    const decoded = decodeRemoteWrite(body, 'snappy', CONTENT_TYPE);
    expect(decoded.timeseries[0]?.samples).toEqual([
      { value: 0, timestamp: T0, stale: false },
      { value: 1027, timestamp: T0 + 15_000, stale: false },
      { value: Number.POSITIVE_INFINITY, timestamp: T0 + 30_000, stale: false },
    ]);
    expect(decoded.timeseries[0]?.labels.map((l) => l.name)).toEqual(['__name__', 'code', 'instance']);
    expect(decoded.metadata).toEqual([{ type: 'COUNTER', metricFamilyName: 'http_requests_total' }]);
  });

  it('tells the staleness marker from an ordinary NaN by its bits', () => {
    // TimeSeries{labels:[__name__="up"], samples:[{StaleNaN, T0}, {NaN, T0}]}, written byte by byte.
    const name = Buffer.from('0a0e0a085f5f6e616d655f5f12027570', 'hex');
    const timestamp = Buffer.from('1080bbfbc2a134', 'hex');
    const sample = (valueHex: string) => Buffer.concat([Buffer.from(`121009${valueHex}`, 'hex'), timestamp]);
    const ts = Buffer.concat([name, sample('020000000000f07f'), sample('000000000000f87f')]);
    const body = Buffer.concat([Buffer.from([0x0a, ts.length]), ts]);
    const [series] = decodeRemoteWrite(Buffer.from(compress(body)), 'snappy', CONTENT_TYPE).timeseries;
    expect(series?.samples.map((s) => s.stale)).toEqual([true, false]);
    expect(series?.samples.every((s) => Number.isNaN(s.value) && s.timestamp === T0)).toBe(true);
  });

  it('counts native histograms so they can be refused', () => {
    const body = encodeLikePrometheus({ timeseries: [{ labels: [{ name: '__name__', value: 'h' }] }] });
    expect(decodeRemoteWrite(body, 'snappy', CONTENT_TYPE).timeseries[0]?.histogramCount).toBe(0);
    // One TimeSeries (field 1, 2 bytes) whose field 4 (histograms) holds one empty Histogram message.
    const withHistogram = Buffer.from([0x0a, 0x02, 0x22, 0x00]);
    expect(
      decodeRemoteWrite(Buffer.from(compress(withHistogram)), 'snappy', CONTENT_TYPE).timeseries[0]?.histogramCount,
    ).toBe(1);
  });

  it.each([['application/x-protobuf; proto=prometheus.WriteRequest'], ['Application/X-Protobuf']])(
    'accepts the content type %p',
    (contentType) => {
      expect(decodeRemoteWrite(HAND_WRITTEN_FIXTURE, 'snappy', contentType).timeseries).toHaveLength(2);
    },
  );

  it.each([
    [undefined, 'Content-Type must be application/x-protobuf for remote write 1.0, got ""'],
    ['application/json', 'Content-Type must be application/x-protobuf for remote write 1.0, got "application/json"'],
    [
      'application/x-protobuf;proto=io.prometheus.write.v2.Request',
      'only remote write 1.0 (proto=prometheus.WriteRequest) is accepted, got proto=io.prometheus.write.v2.Request',
    ],
  ])('refuses the content type %p as unsupported media', (contentType, message) => {
    expect(codeOf(() => decodeRemoteWrite(HAND_WRITTEN_FIXTURE, 'snappy', contentType))).toBe(
      RemoteWriteErrorCode.UnsupportedMediaType,
    );
    expect(() => decodeRemoteWrite(HAND_WRITTEN_FIXTURE, 'snappy', contentType)).toThrow(message);
  });

  it.each([[undefined], ['gzip'], ['identity']])('refuses the content encoding %p as unsupported media', (encoding) => {
    expect(codeOf(() => decodeRemoteWrite(HAND_WRITTEN_FIXTURE, encoding, CONTENT_TYPE))).toBe(
      RemoteWriteErrorCode.UnsupportedMediaType,
    );
  });

  it('refuses bytes that are not snappy, naming the layer', () => {
    const plainProtobuf = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(codeOf(() => decodeRemoteWrite(plainProtobuf, 'snappy', CONTENT_TYPE))).toBe(
      RemoteWriteErrorCode.BadRequest,
    );
    expect(() => decodeRemoteWrite(plainProtobuf, 'snappy', CONTENT_TYPE)).toThrow(
      /^body is not snappy block-compressed data: /,
    );
  });

  it('refuses a snappy body that does not hold a WriteRequest', () => {
    const garbage = Buffer.from(compress(Buffer.from([0x0a, 0x7f, 0x01])));
    expect(() => decodeRemoteWrite(garbage, 'snappy', CONTENT_TYPE)).toThrow(
      /^body is not a protobuf prometheus\.WriteRequest: /,
    );
  });

  it('refuses a body claiming a decompressed size over the limit without allocating it', () => {
    // Snappy header varint for 2^30 bytes, then nothing.
    const bomb = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x04]);
    expect(() => decodeRemoteWrite(bomb, 'snappy', CONTENT_TYPE)).toThrow(/too big/);
  });
});
