import { Module } from '@nestjs/common';
import { MetricsWriteGuard } from './metrics-write.guard';
import { RemoteWriteController } from './remote-write.controller';
import { RemoteWriteService } from './remote-write.service';

/**
 * POST /api/v1/write (Prometheus remote write 1.0) → keel.metrics.v1. Needs KafkaModule.forRoot (global,
 * KAFKA_CLIENT, with metricsTopic among its topics) and AuthModule.forRoot in the app.
 */
@Module({
  controllers: [RemoteWriteController],
  providers: [RemoteWriteService, MetricsWriteGuard],
})
export class RemoteWriteModule {}
