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
import type { TopicContract } from '@keel/contracts';
import { createKafkaClient, KafkaClient } from '../kafka-client';
import type { KafkaSettings } from '../kafka-settings';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { KAFKA_CLIENT } from './kafka.constants';

export interface KafkaModuleOptions {
  /** Builds the settings, typically from the validated config. */
  useFactory: (...deps: never[]) => KafkaSettings | Promise<KafkaSettings>;
  inject?: InjectionToken[];
  imports?: ModuleMetadata['imports'];
  /**
   * Topics this service publishes to or consumes: each one and its dead-letter twin are created at boot when
   * missing (the broker does not auto-create topics), so a fresh cluster works without a manual step.
   */
  topics?: readonly TopicContract[];
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
          useFactory: async (...deps: never[]) => {
            const client = createKafkaClient(await options.useFactory(...deps));
            if (options.topics && options.topics.length > 0) {
              try {
                await client.ensureTopics(options.topics);
              } catch (error) {
                await client.close();
                throw error;
              }
            }
            return client;
          },
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
