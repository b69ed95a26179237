import { Module } from '@nestjs/common';
import { MetricsReadGuard } from './metrics-read.guard';
import { PromApiService } from './prom-api.service';
import { QueryApiController } from './query-api.controller';

/**
 * The Prometheus HTTP API (/api/v1/query, query_range, series, labels, label/<name>/values, metadata). Needs
 * QueryModule.forRoot and AuthModule.forRoot in the app; form POSTs rely on Nest's default urlencoded parser,
 * which leaves the protobuf body of /api/v1/write unread.
 */
@Module({
  controllers: [QueryApiController],
  providers: [PromApiService, MetricsReadGuard],
})
export class QueryApiModule {}
