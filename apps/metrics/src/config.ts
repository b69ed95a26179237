import {
  authEnv,
  databaseEnv,
  envBoolean,
  envInteger,
  envUrl,
  httpEnv,
  kafkaEnv,
  logEnv,
  runtimeEnv,
} from '@keel/config';
import { metricsTopic } from '@keel/contracts';
import { z } from 'zod';
import { queryEnv } from './query-api/query-limits';

export const METRICS_SERVICE = 'metrics';

/** The schema name alone, for the migration and retention entry points (which need no secrets). */
export const databaseSchemaEnv = {
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lower-case PostgreSQL identifier' })
    .default('metrics')
    .describe('PostgreSQL schema owned by the metrics service (series, samples and their daily partitions)'),
};

export const retentionEnv = {
  METRICS_RETENTION_DAYS: envInteger({ min: 1, max: 3650 })
    .default(15)
    .describe('Days of samples kept; older daily partitions are dropped by `nx run metrics:retention`'),
};

/** What the ingest consumer needs; shared by the HTTP process and the separate ingest worker. */
export const ingestEnv = {
  METRICS_INGEST_TOPIC: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/, { error: 'must be a Kafka topic name' })
    .default(metricsTopic.topic)
    .describe('Topic the ingest consumer reads (the keel.metrics.v1 contract); its dead-letter topic is <topic>.dlq'),
  METRICS_INGEST_GROUP_ID: z.string().min(1).default('keel-metrics-ingest').describe('Kafka consumer group of ingest'),
  METRICS_INGEST_CONSUMERS: envInteger({ min: 1, max: 32 })
    .default(2)
    .describe('Consumer-group members per process: while one writes to PostgreSQL the next decodes its batch'),
  METRICS_INGEST_MAX_RETRIES: envInteger({ min: 0, max: 100 })
    .default(3)
    .describe('Retries of a failing batch write before the partition is paused'),
  METRICS_INGEST_PAUSE_MS: envInteger({ min: 100, max: 600_000 })
    .default(5000)
    .describe('Pause of a partition whose writes keep failing (PostgreSQL down) before the batch is tried again'),
  METRICS_INGEST_SESSION_TIMEOUT_MS: envInteger({ min: 6000, max: 300_000 })
    .default(30_000)
    .describe('Kafka group session timeout: how soon the partitions of a dead ingest process move to another member'),
  METRICS_INGEST_FETCH_MAX_BYTES_PER_PARTITION: envInteger({ min: 1024, max: 256 * 1_048_576 })
    .default(8 * 1_048_576)
    .describe('Largest fetch of one partition: a backlog is written in batches of about this many bytes of messages'),
  METRICS_INGEST_FETCH_MAX_BYTES: envInteger({ min: 1024, max: 1024 * 1_048_576 })
    .default(32 * 1_048_576)
    .describe('Largest fetch of one ingest consumer over all its partitions (bounds its memory)'),
  METRICS_INGEST_FETCH_MIN_BYTES: envInteger({ min: 1, max: 256 * 1_048_576 })
    .default(1)
    .describe('Bytes a fetch waits for (up to 1 s): raise it to trade ingest latency for fewer, larger writes'),
  METRICS_LATE_WINDOW_SECONDS: envInteger({ min: 0, max: 7 * 86_400 })
    .default(3600)
    .describe('Samples older than this, relative to the time Kafka received their message, are rejected as late'),
  METRICS_FUTURE_TOLERANCE_SECONDS: envInteger({ min: 0, max: 86_400 })
    .default(600)
    .describe('Samples newer than this, relative to the time Kafka received their message, are rejected as future'),
  METRICS_SERIES_CACHE_SIZE: envInteger({ min: 1000 })
    .default(200_000)
    .describe('Series ids kept in the in-process LRU cache'),
  METRICS_PARTITION_DAYS_AHEAD: envInteger({ min: 1, max: 30 })
    .default(2)
    .describe('Daily sample partitions created ahead of today'),
  METRICS_PARTITION_CHECK_SECONDS: envInteger({ min: 10 })
    .default(3600)
    .describe('How often the partition manager makes sure the partitions ahead exist'),
  DATABASE_POOL_MAX: envInteger({ min: 2, max: 200 }).default(10).describe('PostgreSQL connections per process'),
  ...retentionEnv,
};

export const metricsConfigSchema = z.object({
  ...runtimeEnv,
  ...httpEnv,
  PORT: envInteger({ min: 1, max: 65535 }).default(4103).describe('HTTP port of the metrics service'),
  ...databaseEnv,
  ...databaseSchemaEnv,
  ...kafkaEnv,
  ...authEnv,
  IDENTITY_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4101')
    .describe('Base URL of the identity service, which exchanges API keys for access tokens'),
  ...logEnv,
  ...ingestEnv,
  ...queryEnv,
  METRICS_INGEST_ENABLED: envBoolean()
    .default(true)
    .describe('Whether the HTTP process also runs the ingest consumer (false when ingest-worker processes do)'),
});

/** The ingest worker serves only health and /metrics: it needs no token secret. */
export const ingestWorkerConfigSchema = z.object({
  ...runtimeEnv,
  ...httpEnv,
  PORT: envInteger({ min: 1, max: 65535 }).default(4113).describe('HTTP port of the worker (health and /metrics)'),
  ...databaseEnv,
  ...databaseSchemaEnv,
  ...kafkaEnv,
  ...logEnv,
  ...ingestEnv,
});

export type MetricsConfig = z.output<typeof metricsConfigSchema>;
export type IngestWorkerConfig = z.output<typeof ingestWorkerConfigSchema>;
/** What the modules shared by both processes read. */
export type MetricsCoreConfig = IngestWorkerConfig;

export const METRICS_CONFIG = Symbol('METRICS_CONFIG');
