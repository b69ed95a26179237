import { Injectable } from '@nestjs/common';
import type { LabelMatcher } from '../storage/label-matcher';
import { PgSessionRepository } from '../storage/pg-session.repository';
import { seriesFilter } from '../storage/series-filter';

/** Which series a catalog question is about: any of the selectors (none = every series), with samples in range. */
export interface CatalogScope {
  selectors: readonly (readonly LabelMatcher[])[];
  startMs: number;
  endMs: number;
  /** 0 = no limit. */
  limit: number;
}

export interface MetricNameShape {
  name: string;
  hasQuantile: boolean;
  hasLe: boolean;
}

/** WHERE clause over `series s` for a scope; the time range becomes an EXISTS on the samples' primary key. */
function scopeWhere(scope: CatalogScope, params: unknown[]): string {
  const selectorClauses = scope.selectors.map((matchers) => {
    const filter = seriesFilter(matchers, params.length + 1);
    params.push(...filter.params);
    return `(${filter.where})`;
  });
  params.push(scope.startMs, scope.endMs);
  const range = `EXISTS (SELECT 1 FROM samples x WHERE x.series_id = s.id AND x.t >= $${params.length - 1} AND x.t <= $${params.length})`;
  return selectorClauses.length === 0 ? range : `(${selectorClauses.join(' OR ')}) AND ${range}`;
}

function limitClause(limit: number, params: unknown[]): string {
  if (limit <= 0) return '';
  params.push(limit);
  return ` LIMIT $${params.length}`;
}

/** Series, label names and label values for /api/v1/series, /labels, /label/<name>/values and /metadata. */
@Injectable()
export class SeriesCatalogRepository {
  constructor(private readonly pg: PgSessionRepository) {}

  /** Label sets (with `__name__`), ordered by name then series id. */
  findSeries(scope: CatalogScope): Promise<Record<string, string>[]> {
    const params: unknown[] = [];
    const where = scopeWhere(scope, params);
    const sql = `SELECT s.name, s.labels FROM series s WHERE ${where} ORDER BY s.name, s.id${limitClause(scope.limit, params)}`;
    return this.query<{ name: string; labels: Record<string, string> }>(sql, params).then((rows) =>
      rows.map((row) => ({ __name__: row.name, ...row.labels })),
    );
  }

  /** Label names in use (`__name__` included when any series matches), sorted. */
  async findLabelNames(scope: CatalogScope): Promise<string[]> {
    const params: unknown[] = [];
    const where = scopeWhere(scope, params);
    const sql = `SELECT DISTINCT k.key COLLATE "C" AS key FROM series s
                 CROSS JOIN LATERAL (SELECT '__name__' AS key UNION ALL SELECT jsonb_object_keys(s.labels)) k
                 WHERE ${where} ORDER BY key${limitClause(scope.limit, params)}`;
    return (await this.query<{ key: string }>(sql, params)).map((row) => row.key);
  }

  /** The values of one label (`__name__`: metric names), sorted byte-wise as Prometheus sorts them. */
  async findLabelValues(label: string, scope: CatalogScope): Promise<string[]> {
    const params: unknown[] = [];
    let value: string;
    let present: string;
    if (label === '__name__') {
      value = 's.name';
      present = 'TRUE';
    } else {
      params.push(label);
      value = `s.labels ->> $${params.length}`;
      present = `s.labels ? $${params.length}`;
    }
    const where = scopeWhere(scope, params);
    const sql = `SELECT DISTINCT (${value}) COLLATE "C" AS v FROM series s WHERE ${present} AND ${where}
                 ORDER BY v${limitClause(scope.limit, params)}`;
    return (await this.query<{ v: string }>(sql, params)).map((row) => row.v);
  }

  /** Every metric name with the labels that reveal its type (quantile: summary; le: histogram bucket). */
  async findMetricNames(metric?: string): Promise<MetricNameShape[]> {
    const params: unknown[] = [];
    let where = 'TRUE';
    if (metric !== undefined) {
      // A histogram's or summary's family name covers its _bucket, _sum and _count series.
      params.push(metric, `${metric}_bucket`, `${metric}_sum`, `${metric}_count`);
      where = 's.name IN ($1, $2, $3, $4)';
    }
    const rows = await this.query<{ name: string; has_quantile: boolean; has_le: boolean }>(
      `SELECT s.name, bool_or(s.labels ? 'quantile') AS has_quantile, bool_or(s.labels ? 'le') AS has_le
       FROM series s WHERE ${where} GROUP BY s.name ORDER BY s.name COLLATE "C"`,
      params,
    );
    return rows.map((row) => ({ name: row.name, hasQuantile: row.has_quantile, hasLe: row.has_le }));
  }

  private query<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
    return this.pg.withClient(async (client) => (await client.query<R>(sql, params)).rows);
  }
}
