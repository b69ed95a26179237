import { Module } from '@nestjs/common';
import { KpiPanelsService } from './kpi-panels.service';
import { MetricsResolver } from './metrics.resolver';

/** The `metrics` subgraph's queries; needs SubgraphModule.forRoot and QueryModule.forRoot in the app. */
@Module({ providers: [KpiPanelsService, MetricsResolver] })
export class MetricsGraphqlModule {}
