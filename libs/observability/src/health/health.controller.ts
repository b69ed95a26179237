import { Controller, Get, SetMetadata } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { PUBLIC_ROUTE_METADATA } from '../observability.options';
import { ReadinessChecks } from './readiness-checks';

/**
 * /health/live: the process runs and answers. /health/ready (and /health, which the seed's daily
 * check calls): every configured dependency answers; 503 naming the one that does not otherwise.
 */
@Controller('health')
@SetMetadata(PUBLIC_ROUTE_METADATA, true)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.readiness.indicators());
  }

  @Get()
  @HealthCheck()
  summary(): Promise<HealthCheckResult> {
    return this.ready();
  }
}
