import { parsePromQL } from '@keel/promql';
import type { LabelMatcher } from '../storage/label-matcher';
import { MetricsQueryException } from './query.errors';
import { toStorageMatcher } from './promql-store.adapter';

/** A `match[]` argument: one series selector (`up{job="api"}`, `{__name__=~"http_.*"}`), as its matchers. */
export function parseSeriesSelector(text: string, parameter = 'match[]'): LabelMatcher[] {
  const parsed = parsePromQL(text);
  if (!parsed.ok) throw MetricsQueryException.invalidParameter(parameter, parsed.error.message);
  if (parsed.expr.kind !== 'VectorSelector') {
    throw MetricsQueryException.invalidParameter(
      parameter,
      `1:1: parse error: expected a series selector such as up{job="api"}, got ${JSON.stringify(text)}`,
    );
  }
  return parsed.expr.matchers.map(toStorageMatcher);
}
