import type { MetricNameShape } from './series-catalog.repository';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'unknown';

export interface MetricMetadata {
  type: MetricType;
  help: string;
  unit: string;
}

/**
 * The store keeps no TYPE/HELP lines, so /api/v1/metadata infers each family's type from its series the way
 * Prometheus' naming conventions define them: `le` on `<f>_bucket` → histogram `<f>`, `quantile` → summary,
 * `_total` → counter; the `_sum`/`_count` series of a histogram or summary belong to its family; anything else is
 * `unknown` (a gauge cannot be told apart from an untyped metric). Help and unit stay empty.
 */
export function inferMetadata(names: readonly MetricNameShape[]): Map<string, MetricMetadata> {
  const families = new Map<string, MetricType>();
  for (const shape of names) {
    if (shape.hasLe && shape.name.endsWith('_bucket'))
      families.set(shape.name.slice(0, -'_bucket'.length), 'histogram');
    else if (shape.hasQuantile) families.set(shape.name, 'summary');
  }
  const result = new Map<string, MetricMetadata>();
  for (const shape of names) {
    const suffix = /_(bucket|sum|count)$/.exec(shape.name);
    const family = suffix ? shape.name.slice(0, -suffix[0].length) : shape.name;
    const familyType = families.get(family);
    let key = shape.name;
    let type: MetricType;
    if (suffix && familyType !== undefined && (familyType === 'histogram' || suffix[1] !== 'bucket')) {
      key = family;
      type = familyType;
    } else if (families.get(shape.name) === 'summary') {
      type = 'summary';
    } else if (shape.name.endsWith('_total')) {
      type = 'counter';
    } else {
      type = 'unknown';
    }
    result.set(key, { type, help: '', unit: '' });
  }
  return new Map([...result.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
