import { Module } from '@nestjs/common';
import { ApiKeyExchangeController } from './api-key-exchange.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';

@Module({
  controllers: [ApiKeyExchangeController],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeysResolver],
})
export class ApiKeysModule {}
