import type { ServerResponse } from 'node:http';
import { Controller, Get, Res, SetMetadata } from '@nestjs/common';
import { PUBLIC_ROUTE_METADATA } from '../observability.options';
import { MetricsRegistry } from './metrics-registry';

/** GET /metrics: the application's registry in the Prometheus text format. */
@Controller('metrics')
@SetMetadata(PUBLIC_ROUTE_METADATA, true)
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  async scrape(@Res({ passthrough: true }) res: ServerResponse): Promise<string> {
    res.setHeader('Content-Type', this.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.registry.metrics();
  }
}
