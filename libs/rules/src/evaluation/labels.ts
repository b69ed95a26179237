import type { Labels } from '@keel/promql';

export const METRIC_NAME = '__name__';
export const ALERT_NAME = 'alertname';

/** A copy with the names sorted and empty values dropped (an empty value is an absent label in Prometheus). */
export function sortedLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const name of Object.keys(labels).sort()) {
    if (labels[name] !== '') {
      out[name] = labels[name];
    }
  }
  return out;
}

/** A stable identity for a label set. */
export function labelsKey(labels: Labels): string {
  let out = '';
  for (const name of Object.keys(labels).sort()) {
    if (labels[name] !== '') {
      out += `${name}\u0000${labels[name]}\u0001`;
    }
  }
  return out;
}

/** Sets a label the way Prometheus' labels.Builder does: an empty value deletes it. */
export function setLabel(labels: Labels, name: string, value: string): void {
  if (value === '') {
    delete labels[name];
  } else {
    labels[name] = value;
  }
}

export function sameStrings(a: Record<string, string>, b: Record<string, string>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
