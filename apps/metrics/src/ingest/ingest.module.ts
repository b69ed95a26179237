import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { IngestConsumer } from './ingest-consumer';
import { IngestMetrics } from './ingest-metrics';
import { IngestService } from './ingest.service';

/** The Kafka → PostgreSQL ingest path. Imported by the HTTP process (unless disabled) and by the ingest worker. */
@Module({
  imports: [StorageModule],
  providers: [IngestMetrics, IngestService, IngestConsumer],
  exports: [IngestService],
})
export class IngestModule {}
