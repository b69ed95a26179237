import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { closeRedis, createRedis } from '../create-redis';
import type { RedisSettings } from '../redis-settings';
import { RedisHealthIndicator } from './redis-health.indicator';
import { REDIS_CLIENT } from './redis.constants';

export interface RedisModuleOptions {
  /** Builds the settings, typically from the validated config. */
  useFactory: (...deps: never[]) => RedisSettings | Promise<RedisSettings>;
  inject?: InjectionToken[];
  imports?: ModuleMetadata['imports'];
}

/**
 * Provides one prefixed ioredis client for the application (token REDIS_CLIENT) and RedisHealthIndicator;
 * the client QUITs on application shutdown.
 */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  static forRoot(options: RedisModuleOptions): DynamicModule {
    return {
      module: RedisModule,
      imports: [...(options.imports ?? []), TerminusModule],
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: async (...deps: never[]) => createRedis(await options.useFactory(...deps)),
          inject: options.inject ?? [],
        },
        RedisHealthIndicator,
      ],
      exports: [REDIS_CLIENT, RedisHealthIndicator],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.client);
  }
}
