import {
  type DynamicModule,
  type FactoryProvider,
  Inject,
  Injectable,
  Logger,
  type ModuleMetadata,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { type CreateDataSourceOptions, describeDatabaseUrl } from '../data-source/data-source-options';
import { errorMessage } from '../errors';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { DatabasePoolMonitor } from './database-pool.monitor';
import { DATABASE_OPTIONS } from './database.tokens';

export interface DatabaseModuleOptions {
  imports?: ModuleMetadata['imports'];
  useFactory: (...args: never[]) => CreateDataSourceOptions | Promise<CreateDataSourceOptions>;
  inject?: FactoryProvider['inject'];
}

async function connect(options: CreateDataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  try {
    return await dataSource.initialize();
  } catch (error) {
    throw new Error(
      `Could not connect to PostgreSQL at ${describeDatabaseUrl(options.url)} (schema ${options.schema}): ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

/** Closes the pool once the application has stopped taking work. */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  private readonly logger = new Logger(DataSourceCloser.name);

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
      this.logger.log('PostgreSQL pool closed');
    }
  }
}

/**
 * Provides the service's DataSource (token: the DataSource class), connected on boot and closed on
 * shutdown, plus DatabaseHealthIndicator and DatabasePoolMonitor. Global: import it once, in the app module.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TerminusModule, ...(options.imports ?? [])],
      providers: [
        { provide: DATABASE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: DataSource, useFactory: connect, inject: [DATABASE_OPTIONS] },
        DataSourceCloser,
        DatabaseHealthIndicator,
        DatabasePoolMonitor,
      ],
      exports: [DataSource, DatabaseHealthIndicator, DatabasePoolMonitor],
    };
  }
}
