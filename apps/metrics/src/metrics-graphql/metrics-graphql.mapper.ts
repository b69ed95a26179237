import type { QueryResult } from '@keel/promql';
import { formatSampleValue } from '../query-api';
import { LabelModel, PointModel, QueryResultModel, QueryResultType } from './metrics.models';

export function toLabels(labels: Readonly<Record<string, string>>): LabelModel[] {
  return Object.keys(labels)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, value: labels[name] ?? '' }));
}

export function toPoint(t: number, v: number): PointModel {
  return { timestamp: new Date(t), value: formatSampleValue(v), number: Number.isFinite(v) ? v : null };
}

export function toQueryResultModel(result: QueryResult): QueryResultModel {
  const { value, warnings, infos } = result;
  const base = { warnings, infos };
  switch (value.type) {
    case 'scalar':
      return { ...base, resultType: QueryResultType.SCALAR, scalar: toPoint(value.t, value.v), series: [] };
    case 'string':
      return {
        ...base,
        resultType: QueryResultType.STRING,
        scalar: { timestamp: new Date(value.t), value: value.v, number: null },
        series: [],
      };
    case 'vector':
      return {
        ...base,
        resultType: QueryResultType.VECTOR,
        scalar: null,
        series: value.samples.map((s) => ({ labels: toLabels(s.labels), points: [toPoint(s.t, s.v)] })),
      };
    case 'matrix':
      return {
        ...base,
        resultType: QueryResultType.MATRIX,
        scalar: null,
        series: value.series.map((s) => ({
          labels: toLabels(s.labels),
          points: s.samples.map((p) => toPoint(p.t, p.v)),
        })),
      };
  }
}
