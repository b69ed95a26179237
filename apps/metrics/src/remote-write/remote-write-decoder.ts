import { uncompress } from 'snappyjs';
import { RemoteWriteError } from './remote-write.errors';
import { util, type Long } from 'protobufjs';
import { MetricTypeEnum, WriteRequestType, type TimeSeries, type WriteRequest } from './remote-write.proto';

/** A decompressed WriteRequest may be this large; Prometheus sends ~2,000 samples (well under 1 MiB) per request. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

const PROTOBUF = 'application/x-protobuf';
/** Remote-write 2.0 names its message in a `proto` parameter; 1.0 has none or this one. */
const V1_PROTO = 'prometheus.WriteRequest';

/**
 * Decodes a Prometheus remote-write 1.0 request body: snappy block format, then protobuf
 * `prometheus.WriteRequest`. Throws RemoteWriteError: UNSUPPORTED_MEDIA_TYPE for another content type or
 * encoding (including remote-write 2.0), BAD_REQUEST for bytes that do not decode.
 */
export function decodeRemoteWrite(
  body: Uint8Array,
  contentEncoding: string | undefined,
  contentType: string | undefined,
): WriteRequest {
  checkContentType(contentType);
  if ((contentEncoding ?? '').trim().toLowerCase() !== 'snappy') {
    throw RemoteWriteError.unsupported(
      `Content-Encoding must be snappy for remote write 1.0, got ${JSON.stringify(contentEncoding ?? '')}`,
    );
  }
  let raw: Uint8Array;
  try {
    raw = uncompress(body, MAX_DECOMPRESSED_BYTES);
  } catch (error) {
    throw RemoteWriteError.bad(`body is not snappy block-compressed data: ${(error as Error).message}`);
  }
  let message: RawWriteRequest;
  try {
    message = WriteRequestType.decode(raw) as unknown as RawWriteRequest;
  } catch (error) {
    throw RemoteWriteError.bad(`body is not a protobuf prometheus.WriteRequest: ${(error as Error).message}`);
  }
  return normalize(message);
}

function checkContentType(contentType: string | undefined): void {
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((part) => part.trim());
  if (mediaType.toLowerCase() !== PROTOBUF) {
    throw RemoteWriteError.unsupported(
      `Content-Type must be ${PROTOBUF} for remote write 1.0, got ${JSON.stringify(contentType ?? '')}`,
    );
  }
  const proto = params.find((param) => param.toLowerCase().startsWith('proto='))?.slice('proto='.length);
  if (proto !== undefined && proto !== V1_PROTO) {
    throw RemoteWriteError.unsupported(`only remote write 1.0 (proto=${V1_PROTO}) is accepted, got proto=${proto}`);
  }
}

/** protobufjs' decoded message: defaults for absent fields come from the prototype, 64-bit fields are Long. */
interface RawWriteRequest {
  timeseries: {
    labels: { name: string; value: string }[];
    samples: { value: Long | number; timestamp: Long | number }[];
    histograms: unknown[];
  }[];
  metadata: { type: number; metricFamilyName: string }[];
}

const STALE_HIGH = 0x7ff00000;
const STALE_LOW = 0x00000002;
const float = new DataView(new ArrayBuffer(8));

function normalize(message: RawWriteRequest): WriteRequest {
  return {
    timeseries: message.timeseries.map((s): TimeSeries => ({
      labels: s.labels.map((l) => ({ name: l.name, value: l.value })),
      samples: s.samples.map((sample) => {
        const bits = util.LongBits.from(sample.value);
        float.setUint32(0, bits.lo >>> 0, true);
        float.setUint32(4, bits.hi >>> 0, true);
        return {
          value: float.getFloat64(0, true),
          timestamp: util.LongBits.from(sample.timestamp).toNumber(false),
          stale: bits.hi >>> 0 === STALE_HIGH && bits.lo >>> 0 === STALE_LOW,
        };
      }),
      histogramCount: s.histograms.length,
    })),
    metadata: message.metadata.map((m) => ({
      type: MetricTypeEnum.valuesById[m.type] ?? 'UNKNOWN',
      metricFamilyName: m.metricFamilyName,
    })),
  };
}
