import {
  encodeSampleValue,
  parseContract,
  Sample,
  splitIntoBatches,
  type BatchingOptions,
  type MetricsBatchInput,
  type MetricType,
  type SampleInput,
} from '@keel/contracts';
import type { MetricMetadata, TimeSeries, WriteRequest } from './remote-write.proto';

/** Reasons kept for the response; the count covers the rest. */
const MAX_REASONS = 5;
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];
const METADATA_TYPES: Record<string, MetricType | undefined> = {
  COUNTER: 'counter',
  GAUGE: 'gauge',
  HISTOGRAM: 'histogram',
  SUMMARY: 'summary',
};

export interface Conversion {
  /** keel.metrics.v1 messages of the accepted samples, split at the contract's limits. */
  batches: MetricsBatchInput[];
  accepted: number;
  refused: number;
  /** The first few refusals, each naming the series and the field. */
  reasons: string[];
  /** Prometheus staleness markers, dropped: keel.metrics.v1 cannot tell them from a real NaN. */
  staleMarkers: number;
}

/**
 * Turns a decoded WriteRequest into keel.metrics.v1 samples: `__name__` becomes the name, the other labels
 * stay labels (empty values dropped, as Prometheus treats them as absent), metadata gives the type. A sample
 * the contract refuses is counted with its reason and the others still go through.
 */
export function toMetricsBatches(request: WriteRequest, source: string, options: BatchingOptions = {}): Conversion {
  const types = metadataTypes(request.metadata);
  const samples: SampleInput[] = [];
  const result: Conversion = { batches: [], accepted: 0, refused: 0, reasons: [], staleMarkers: 0 };
  const refuse = (count: number, reason: string): void => {
    result.refused += count;
    if (result.reasons.length < MAX_REASONS) result.reasons.push(reason);
  };

  request.timeseries.forEach((series, index) => {
    const where = `timeseries[${index}] ${describe(series)}`;
    if (series.histogramCount > 0) {
      refuse(series.histogramCount, `${where}: native histograms are not supported`);
    }
    const identity = seriesIdentity(series);
    if (typeof identity === 'string') {
      refuse(series.samples.length, `${where}: ${identity}`);
      return;
    }
    const type = typeOf(identity.name, types);
    series.samples.forEach((raw, sampleIndex) => {
      if (raw.stale) {
        result.staleMarkers += 1;
        return;
      }
      const sample: SampleInput = {
        name: identity.name,
        labels: identity.labels,
        value: encodeSampleValue(raw.value),
        timestampMs: raw.timestamp,
        ...(type ? { type } : {}),
      };
      const checked = parseContract({ schema: Sample }, sample);
      if (checked.ok) samples.push(sample);
      else refuse(1, `${where} samples[${sampleIndex}]: ${checked.reason}`);
    });
  });

  result.accepted = samples.length;
  result.batches = splitIntoBatches(source, samples, options);
  return result;
}

function seriesIdentity(series: TimeSeries): { name: string; labels: Record<string, string> } | string {
  let name: string | undefined;
  const labels: Record<string, string> = {};
  const seen = new Set<string>();
  for (const label of series.labels) {
    if (seen.has(label.name)) return `label ${JSON.stringify(label.name)} appears twice`;
    seen.add(label.name);
    if (label.name === '__name__') name = label.value;
    else if (label.value !== '') labels[label.name] = label.value;
  }
  return name === undefined || name === '' ? 'no __name__ label' : { name, labels };
}

function metadataTypes(metadata: readonly MetricMetadata[]): Map<string, MetricType> {
  const types = new Map<string, MetricType>();
  for (const m of metadata) {
    const type = METADATA_TYPES[m.type];
    if (type && m.metricFamilyName !== '') types.set(m.metricFamilyName, type);
  }
  return types;
}

/** Metadata names the family (`http_request_duration_seconds`); samples carry `_bucket`, `_sum`, … */
function typeOf(name: string, types: Map<string, MetricType>): MetricType | undefined {
  const exact = types.get(name);
  if (exact) return exact;
  const suffix = SUFFIXES.find((s) => name.endsWith(s));
  return suffix ? types.get(name.slice(0, -suffix.length)) : undefined;
}

function describe(series: TimeSeries): string {
  const text = `{${series.labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
  return text.length > 200 ? `${text.slice(0, 197)}…}` : text;
}
