import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { OnlyServices } from '../common/only-services.guard';
import { parseBody } from '../common/parse-body';
import { ApiKeysService } from './api-keys.service';
import { ExchangeApiKeyBody, type ExchangeApiKeyResponse } from './dto/exchange-api-key.dto';

/**
 * The gateway — and the metrics and alerting services, for tools that call their Prometheus and Alertmanager
 * endpoints directly — trades an incoming `keel_…` API key for a short access token.
 */
@Controller('internal/api-keys')
export class ApiKeyExchangeController {
  constructor(private readonly service: ApiKeysService) {}

  @Post('exchange')
  @HttpCode(HttpStatus.OK)
  @OnlyServices('gateway', 'metrics', 'alerting')
  async exchange(@Body() body: unknown): Promise<ExchangeApiKeyResponse> {
    const { apiKey } = parseBody(ExchangeApiKeyBody, body);
    const issued = await this.service.exchange(apiKey);
    return { accessToken: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }
}
