export { createMetricsPublisher, type MetricsPublisherOptions } from './create-metrics-publisher';
export {
  KAFKA_RECORD_HEADROOM_BYTES,
  MetricsPublisher,
  type BatchSender,
  type PublishedTotals,
  type PublisherLimits,
} from './metrics-publisher';
export { InvalidSampleError, MetricsBufferFullError } from './metrics-client.errors';
export {
  errorSamples,
  performanceSamples,
  resourceSamples,
  type ErrorMetrics,
  type PerformanceMetrics,
  type ResourceMetrics,
  type SampleInput,
} from '@keel/contracts';
