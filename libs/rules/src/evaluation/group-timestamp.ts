import { xxhash64 } from './xxhash64';

export interface GroupIdentity {
  /** The rule file the group was loaded from (Prometheus uses the path as given). */
  file: string;
  name: string;
}

const encoder = new TextEncoder();

// Prometheus' default labels implementation (stringlabels) stores a label set as one byte string: each name and
// value preceded by its length, one byte below 255, otherwise 0xff and three bytes little-endian.
function stringLabelsBytes(pairs: [string, string][]): Uint8Array {
  const parts: number[] = [];
  const put = (text: string): void => {
    const bytes = encoder.encode(text);
    if (bytes.length < 255) {
      parts.push(bytes.length);
    } else {
      parts.push(255, bytes.length & 0xff, (bytes.length >> 8) & 0xff, (bytes.length >> 16) & 0xff);
    }
    parts.push(...bytes);
  };
  for (const [name, value] of pairs) {
    put(name);
    put(value);
  }
  return Uint8Array.from(parts);
}

/** Prometheus' Group.hash(): the hash of the label set {file, name} (xxHash64 of its stringlabels encoding). */
export function groupHash(group: GroupIdentity): bigint {
  return xxhash64(
    stringLabelsBytes([
      ['file', group.file],
      ['name', group.name],
    ]),
  );
}

/**
 * Prometheus' Group.EvalTimestamp: the latest evaluation slot at or before `nowMs`. Every group is evaluated on a
 * grid of its interval shifted by a fixed offset, `hash(file, name) mod interval`, so groups with the same interval
 * spread over it instead of all running at once, and a restarted server keeps the same slots. Prometheus starts a
 * group at this slot + interval, then every interval. Prometheus computes the offset in nanoseconds; here its
 * sub-millisecond part is dropped (samples are written in milliseconds anyway), which keeps the grid exact.
 */
export function groupEvaluationTimestamp(nowMs: number, intervalMs: number, group: GroupIdentity): number {
  if (!(intervalMs > 0) || !Number.isInteger(intervalMs)) {
    throw new Error(`group interval must be a positive number of milliseconds, got ${intervalMs}`);
  }
  const offsetMs = Number((groupHash(group) % (BigInt(intervalMs) * 1_000_000n)) / 1_000_000n);
  const adjusted = Math.floor(nowMs) - offsetMs;
  return adjusted - (((adjusted % intervalMs) + intervalMs) % intervalMs) + offsetMs;
}
