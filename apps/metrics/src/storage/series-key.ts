import { createHash } from 'node:crypto';

/** Label values are stored without empty ones: in Prometheus an empty label value is the same as no label. */
export type LabelSet = Readonly<Record<string, string>>;

// Separators that cannot occur in a metric or label name (the contract restricts both to [a-zA-Z0-9_:]), so two
// different label sets never produce the same key.
const PAIR = '\u0000';
const FIELD = '\u0001';

/**
 * The canonical text of a series: its name and its non-empty labels sorted by name. Used as the series cache key;
 * cheap enough to compute for every sample.
 */
export function seriesKey(name: string, labels: LabelSet): string {
  const names = Object.keys(labels).sort();
  let key = name;
  for (const label of names) {
    const value = labels[label];
    if (value !== undefined && value !== '') {
      key += FIELD + label + PAIR + value;
    }
  }
  return key;
}

/**
 * The series' name and labels in the order the sample carries them, empty values included: a cache key only,
 * about half the cost of seriesKey (no sort, no filter). Clients send a series' labels in the same order every
 * time, so it hits as well; two spellings of one series are two cache entries for the same id.
 */
export function rawSeriesKey(name: string, labels: LabelSet): string {
  let key = name;
  for (const label in labels) {
    key += FIELD + label + PAIR + labels[label];
  }
  return key;
}

/** The labels a series is stored with: non-empty values, in name order (so the jsonb text is stable too). */
export function normalizeLabels(labels: LabelSet): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const label of Object.keys(labels).sort()) {
    const value = labels[label];
    if (value !== undefined && value !== '') {
      normalized[label] = value;
    }
  }
  return normalized;
}

/** The unique fingerprint stored with a series: the first 16 bytes of SHA-256 of its key. */
export function fingerprintOf(key: string): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, 16);
}
