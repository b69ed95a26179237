import { Controller, Get, HttpCode, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AllowServices, Roles } from '@keel/auth';
import { PrometheusApiExceptionFilter } from '@keel/prometheus-api';
import { MetricsReadGuard } from './metrics-read.guard';
import { PromApiService } from './prom-api.service';
import { promErrorOfQuery } from './prom-response';
import { PromParams, type PromHttpRequest } from './prom-request';

/**
 * The Prometheus HTTP API's read endpoints (what Grafana's Prometheus data source and the alerting service call),
 * each as GET and as form POST. Bearer JWT or raw `keel_…` API key (scope metrics:read); Keel's services (the
 * alerting service's rule queries) with their own service token.
 */
@Controller('api/v1')
@Roles('viewer')
@AllowServices()
@UseGuards(MetricsReadGuard)
@UseFilters(new PrometheusApiExceptionFilter(promErrorOfQuery))
export class QueryApiController {
  constructor(private readonly api: PromApiService) {}

  @Get('query')
  query(@Req() req: PromHttpRequest) {
    return this.api.query(new PromParams(req));
  }

  @Post('query')
  @HttpCode(200)
  queryForm(@Req() req: PromHttpRequest) {
    return this.api.query(new PromParams(req));
  }

  @Get('query_range')
  queryRange(@Req() req: PromHttpRequest) {
    return this.api.queryRange(new PromParams(req));
  }

  @Post('query_range')
  @HttpCode(200)
  queryRangeForm(@Req() req: PromHttpRequest) {
    return this.api.queryRange(new PromParams(req));
  }

  @Get('series')
  series(@Req() req: PromHttpRequest) {
    return this.api.series(new PromParams(req));
  }

  @Post('series')
  @HttpCode(200)
  seriesForm(@Req() req: PromHttpRequest) {
    return this.api.series(new PromParams(req));
  }

  @Get('labels')
  labels(@Req() req: PromHttpRequest) {
    return this.api.labels(new PromParams(req));
  }

  @Post('labels')
  @HttpCode(200)
  labelsForm(@Req() req: PromHttpRequest) {
    return this.api.labels(new PromParams(req));
  }

  @Get('label/:name/values')
  labelValues(@Param('name') name: string, @Req() req: PromHttpRequest) {
    return this.api.labelValues(name, new PromParams(req));
  }

  @Post('label/:name/values')
  @HttpCode(200)
  labelValuesForm(@Param('name') name: string, @Req() req: PromHttpRequest) {
    return this.api.labelValues(name, new PromParams(req));
  }

  @Get('metadata')
  metadata(@Req() req: PromHttpRequest) {
    return this.api.metadata(new PromParams(req));
  }

  @Post('metadata')
  @HttpCode(200)
  metadataForm(@Req() req: PromHttpRequest) {
    return this.api.metadata(new PromParams(req));
  }
}
