import { Args, GraphQLISODateTime, Int, Query, Resolver } from '@nestjs/graphql';
import { MAX_TIME_MS, MetricsQueryException, MIN_TIME_MS, QueryService } from '../query-api';
import { KpiPanelsService } from './kpi-panels.service';
import { toLabels, toPoint, toQueryResultModel } from './metrics-graphql.mapper';
import { KpiPanelModel, QueryResultModel, SeriesLabelsModel } from './metrics.models';

const MAX_SERIES_PAGE = 1000;
const MAX_RANGE_MINUTES = 7 * 24 * 60;

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw MetricsQueryException.invalidParameter(name, `must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** The portal's read side of metrics; every query needs viewer (the global guard's default). */
@Resolver()
export class MetricsResolver {
  constructor(
    private readonly queries: QueryService,
    private readonly kpis: KpiPanelsService,
  ) {}

  @Query(() => [SeriesLabelsModel], { description: 'Series matching a selector such as up{job="api"}, any time' })
  async seriesSearch(
    @Args('match') match: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number,
  ): Promise<SeriesLabelsModel[]> {
    checkInteger('first', first, 1, MAX_SERIES_PAGE);
    const found = await this.queries.findSeries({
      match: [match],
      startMs: MIN_TIME_MS,
      endMs: MAX_TIME_MS,
      limit: first,
    });
    return found.items.map((labels) => ({ labels: toLabels(labels) }));
  }

  @Query(() => QueryResultModel, { description: 'A PromQL instant query (default time: now)' })
  async instantQuery(
    @Args('query') query: string,
    @Args('time', { type: () => GraphQLISODateTime, nullable: true }) time?: Date | null,
  ): Promise<QueryResultModel> {
    return toQueryResultModel(await this.queries.instant(query, time ? time.getTime() : Date.now()));
  }

  @Query(() => QueryResultModel, { description: 'A PromQL range query: a matrix with one point per step' })
  async rangeQuery(
    @Args('query') query: string,
    @Args('start', { type: () => GraphQLISODateTime }) start: Date,
    @Args('end', { type: () => GraphQLISODateTime }) end: Date,
    @Args('stepSeconds', { type: () => Int }) stepSeconds: number,
  ): Promise<QueryResultModel> {
    checkInteger('stepSeconds', stepSeconds, 1, 86_400);
    if (end.getTime() < start.getTime()) {
      throw MetricsQueryException.invalidParameter('end', 'end timestamp must not be before start time');
    }
    return toQueryResultModel(await this.queries.range(query, start.getTime(), end.getTime(), stepSeconds * 1000));
  }

  @Query(() => [KpiPanelModel], { description: "The seed's KPI panels, evaluated now over the last rangeMinutes" })
  async kpiPanels(
    @Args('rangeMinutes', { type: () => Int, nullable: true, defaultValue: 60 }) rangeMinutes: number,
  ): Promise<KpiPanelModel[]> {
    checkInteger('rangeMinutes', rangeMinutes, 1, MAX_RANGE_MINUTES);
    const panels = await this.kpis.evaluate(rangeMinutes, Date.now());
    return panels.map((panel) => ({
      ...panel,
      values: panel.values.map((value) => ({ labels: toLabels(value.labels), point: toPoint(value.t, value.v) })),
    }));
  }
}
