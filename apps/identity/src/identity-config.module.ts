import { Module, type DynamicModule } from '@nestjs/common';
import type { IdentityConfig } from './config';

/** Injection token of the validated IdentityConfig. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

/** Makes the config validated at boot injectable everywhere in the app. */
@Module({})
export class IdentityConfigModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityConfigModule,
      global: true,
      providers: [{ provide: IDENTITY_CONFIG, useValue: config }],
      exports: [IDENTITY_CONFIG],
    };
  }
}
