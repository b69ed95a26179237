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
import { createKafkaClient, KafkaClient } from '../kafka-client';
import type { KafkaSettings } from '../kafka-settings';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { KAFKA_CLIENT } from './kafka.constants';

export interface KafkaModuleOptions {
  /** Builds the settings, typically from the validated config. */
  useFactory: (...deps: never[]) => KafkaSettings | Promise<KafkaSettings>;
  inject?: InjectionToken[];
  imports?: ModuleMetadata['imports'];
}

/**
 * Provides one KafkaClient for the whole application (token KAFKA_CLIENT) and KafkaHealthIndicator.
 * The client is closed on application shutdown; app.enableShutdownHooks() wires that to SIGTERM.
 */
@Global()
@Module({})
export class KafkaModule implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_CLIENT) private readonly client: KafkaClient) {}

  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      imports: [...(options.imports ?? []), TerminusModule],
      providers: [
        {
          provide: KAFKA_CLIENT,
          useFactory: async (...deps: never[]) => createKafkaClient(await options.useFactory(...deps)),
          inject: options.inject ?? [],
        },
        KafkaHealthIndicator,
      ],
      exports: [KAFKA_CLIENT, KafkaHealthIndicator],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
