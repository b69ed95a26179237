import { Module, type DynamicModule } from '@nestjs/common';
import { PgSessionRepository } from '../storage/pg-session.repository';
import { StorageModule } from '../storage/storage.module';
import { QUERY_LIMITS, type QueryLimits } from './query-limits';
import { QuerySamplesRepository } from './query-samples.repository';
import { QueryService } from './query.service';
import { SeriesCatalogRepository } from './series-catalog.repository';

/** QueryService (PromQL and the series catalog over the store) under the given limits, for the API and subgraph. */
@Module({})
export class QueryModule {
  static forRoot(limits: QueryLimits): DynamicModule {
    return {
      module: QueryModule,
      global: true,
      imports: [StorageModule],
      providers: [
        { provide: QUERY_LIMITS, useValue: limits },
        PgSessionRepository,
        QuerySamplesRepository,
        SeriesCatalogRepository,
        QueryService,
      ],
      exports: [QueryService],
    };
  }
}
