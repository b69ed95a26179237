import { Field, Float, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum QueryResultType {
  SCALAR = 'scalar',
  STRING = 'string',
  VECTOR = 'vector',
  MATRIX = 'matrix',
}
registerEnumType(QueryResultType, { name: 'QueryResultType', description: "PromQL's result types" });

@ObjectType('Label')
export class LabelModel {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType('Point', {
  description:
    'One sample. `value` is written as the Prometheus API writes it (shortest decimal, "NaN", "+Inf", "-Inf"), so ' +
    'no value is lost; `number` is the same value as a Float, null for NaN and ±Inf, which JSON cannot carry.',
})
export class PointModel {
  @Field(() => GraphQLISODateTime)
  timestamp!: Date;

  @Field()
  value!: string;

  @Field(() => Float, { nullable: true })
  number!: number | null;
}

@ObjectType('MetricSeries', { description: 'A series: its labels (with __name__ when it has one) and its points' })
export class MetricSeriesModel {
  @Field(() => [LabelModel])
  labels!: LabelModel[];

  @Field(() => [PointModel], { description: 'One point for an instant query, one per step for a range query' })
  points!: PointModel[];
}

@ObjectType('SeriesLabels')
export class SeriesLabelsModel {
  @Field(() => [LabelModel])
  labels!: LabelModel[];
}

@ObjectType('QueryResult')
export class QueryResultModel {
  @Field(() => QueryResultType)
  resultType!: QueryResultType;

  @Field(() => PointModel, { nullable: true, description: 'The value of a scalar or string result' })
  scalar!: PointModel | null;

  @Field(() => [MetricSeriesModel], { description: 'The series of a vector or matrix result' })
  series!: MetricSeriesModel[];

  @Field(() => [String])
  warnings!: string[];

  @Field(() => [String])
  infos!: string[];
}

@ObjectType('KpiValue')
export class KpiValueModel {
  @Field(() => [LabelModel])
  labels!: LabelModel[];

  @Field(() => PointModel)
  point!: PointModel;
}

@ObjectType('KpiPanel', { description: "One of the seed's KPI panels, computed by a named PromQL expression" })
export class KpiPanelModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field({ description: 'seconds, ratio (0–1), cores (CPU seconds per second) or errors (a count over the range)' })
  unit!: string;

  @Field({ description: 'The PromQL the value comes from' })
  expression!: string;

  @Field(() => [KpiValueModel], { description: 'Empty when no service published the series yet' })
  values!: KpiValueModel[];
}
