import { Inject, Injectable, type NestMiddleware, type OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenService } from '@keel/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { createKeelGateway } from './gateway-runtime';

/**
 * Serves /graphql with Hive Gateway's runtime as a Nest middleware, so the request passes the observability
 * middleware first (correlation id, request log, http_requests_total) like any other route.
 */
@Injectable()
export class GatewayMiddleware implements NestMiddleware, OnApplicationShutdown {
  private readonly gateway: ReturnType<typeof createKeelGateway>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(TokenService) tokens: TokenService) {
    this.gateway = createKeelGateway(config, tokens);
  }

  use(req: IncomingMessage, res: ServerResponse): void {
    void this.gateway(req, res);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.gateway.dispose();
  }
}
