import { Module } from '@nestjs/common';
import { PartitionManager } from './partition-manager.service';
import { PartitionsRepository } from './partitions.repository';
import { PgSessionRepository } from './pg-session.repository';
import { SamplesRepository } from './samples.repository';
import { SeriesStore } from './series-store';
import { SeriesRepository } from './series.repository';

/** The time-series store on PostgreSQL: series, daily-partitioned samples, and the read side (SeriesStore). */
@Module({
  providers: [
    PgSessionRepository,
    PartitionsRepository,
    SamplesRepository,
    SeriesRepository,
    SeriesStore,
    PartitionManager,
  ],
  exports: [SamplesRepository, SeriesRepository, SeriesStore, PartitionManager],
})
export class StorageModule {}
