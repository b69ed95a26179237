import { Enum, Field, Root, Type } from 'protobufjs';

/**
 * `prometheus.WriteRequest` of remote-write 1.0 (prompb/remote.proto and types.proto in the Prometheus
 * repository), built with protobufjs' reflection API. Two deliberate, wire-compatible departures:
 * - Sample.value is read as `fixed64` (the same 8 little-endian bytes as `double`) because Prometheus marks
 *   staleness with one particular NaN bit pattern, and V8 does not keep NaN payloads once a number is stored
 *   in an array or object; the decoder inspects the bits, then converts.
 * - exemplars and native histograms are raw `bytes`: exemplars are ignored, histograms only counted so they
 *   can be refused.
 */
const label = new Type('Label').add(new Field('name', 1, 'string')).add(new Field('value', 2, 'string'));

const sample = new Type('Sample').add(new Field('value', 1, 'fixed64')).add(new Field('timestamp', 2, 'int64'));

const timeSeries = new Type('TimeSeries')
  .add(new Field('labels', 1, 'Label', 'repeated'))
  .add(new Field('samples', 2, 'Sample', 'repeated'))
  .add(new Field('exemplars', 3, 'bytes', 'repeated'))
  .add(new Field('histograms', 4, 'bytes', 'repeated'));

const metricType = new Enum('MetricType', {
  UNKNOWN: 0,
  COUNTER: 1,
  GAUGE: 2,
  HISTOGRAM: 3,
  GAUGEHISTOGRAM: 4,
  SUMMARY: 5,
  INFO: 6,
  STATESET: 7,
});

const metricMetadata = new Type('MetricMetadata')
  .add(metricType)
  .add(new Field('type', 1, 'MetricType'))
  .add(new Field('metricFamilyName', 2, 'string'))
  .add(new Field('help', 4, 'string'))
  .add(new Field('unit', 5, 'string'));

const writeRequest = new Type('WriteRequest')
  .add(new Field('timeseries', 1, 'TimeSeries', 'repeated'))
  .add(new Field('metadata', 3, 'MetricMetadata', 'repeated'));

const root = new Root();
root.define('prometheus').add(label).add(sample).add(timeSeries).add(metricMetadata).add(writeRequest);

export const WriteRequestType: Type = root.lookupType('prometheus.WriteRequest');
export const MetricTypeEnum: Enum = root.lookupEnum('prometheus.MetricMetadata.MetricType');

/** The decoded shape, int64 timestamps already as numbers (see decodeRemoteWrite). */
export interface WriteRequest {
  timeseries: TimeSeries[];
  metadata: MetricMetadata[];
}

export interface TimeSeries {
  labels: { name: string; value: string }[];
  samples: DecodedSample[];
  histogramCount: number;
}

export interface DecodedSample {
  value: number;
  timestamp: number;
  /** Prometheus' staleness marker (value.StaleNaN, 0x7ff0000000000002): the series ended here. */
  stale: boolean;
}

export interface MetricMetadata {
  type: string;
  metricFamilyName: string;
}
