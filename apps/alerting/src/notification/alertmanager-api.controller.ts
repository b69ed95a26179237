import { Body, Controller, HttpCode, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { PrometheusApiExceptionFilter } from '@keel/prometheus-api';
import { ApiAccessGuard, Roles } from '@keel/auth';
import { NotificationService } from './notification.service';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Alertmanager's `POST /api/v2/alerts`, so other Prometheus servers can use Keel as their Alertmanager
 * (alertmanagers: [{ api_version: v2, static_configs: …, authorization: { credentials: <API key> } }]). Valid
 * alerts are kept even when others in the same request are refused; the answer is Alertmanager's.
 */
@Controller('api/v2')
@Roles('viewer')
@UseGuards(ApiAccessGuard({ what: 'posting alerts', scope: 'alerts:write', userRoles: ['responder'] }))
@UseFilters(new PrometheusApiExceptionFilter())
export class AlertmanagerApiController {
  constructor(private readonly notifications: NotificationService) {}

  @Post('alerts')
  @HttpCode(200)
  postAlerts(@Body() body: unknown, @Res() response: JsonResponse): void {
    const result = this.notifications.receive(body);
    if (result.ok) {
      response.status(200).json('');
      return;
    }
    response.status(result.status).json(result.message);
  }
}
