export {
  defineTopic,
  DLQ_SUFFIX,
  type TopicContract,
  type TopicMessage,
  type TopicMessageInput,
  onTopic,
} from './topic-contract';
export { defineJob, type JobContract, type JobData, type JobDataInput } from './job-contract';
export { parseContract, type ParseResult } from './parse-contract';
export { ALL_TOPICS_WITH_DLQ, jobContract, jobContracts, topicContract, topicContracts } from './registry';

export { Role } from './enums/role';
export { IncidentSeverity, SEVERITY_DEFINITIONS, type SeverityDefinition } from './enums/incident-severity';
export { IncidentStatus } from './enums/incident-status';
export { Actor, ActorType } from './shared/actor';
export { CORRELATION_ID_PATTERN, CorrelationId, EventId, IsoDate, IsoDateTime, YearMonth } from './shared/primitives';

export * from './topics/metrics/metrics.limits';
export { encodeSampleValue, SampleValue, type SpecialSampleValue } from './topics/metrics/sample-value';
export {
  LabelName,
  Labels,
  LabelValue,
  MetricName,
  MetricsBatch,
  type MetricsBatchInput,
  metricsTopic,
  MetricType,
  Sample,
  type SampleInput,
  TimestampMs,
} from './topics/metrics/metrics.topic';
export { type BatchingOptions, splitIntoBatches, toWireSample, utf8Length } from './topics/metrics/metrics-batching';
export {
  type ErrorMetrics,
  errorSamples,
  type PerformanceMetrics,
  performanceSamples,
  type ResourceMetrics,
  resourceSamples,
} from './topics/metrics/seed-metrics';
export {
  Alert,
  AlertEvent,
  type AlertEventInput,
  alertsTopic,
  AlertState,
  PreviousAlertState,
} from './topics/alerts/alerts.topic';
export {
  IncidentEvent,
  type IncidentEventInput,
  IncidentEventType,
  IncidentSnapshot,
  incidentsTopic,
} from './topics/incidents/incidents.topic';
export {
  AUDIT_ACTION_PATTERN,
  AuditEvent,
  type AuditEventInput,
  AuditOutcome,
  AuditResource,
  auditTopic,
} from './topics/audit/audit.topic';

export { AUDIT_QUEUE, BACKUP_QUEUE, MAINTENANCE_QUEUE } from './jobs/queues';
export {
  capacityPlanningJob,
  dailyCleanupJob,
  databaseOptimizeJob,
  maintenanceJobs,
  monthlySystemAuditJob,
  weeklyPerformanceReviewJob,
  weeklySecurityReviewJob,
} from './jobs/maintenance.jobs';
export { BackupKind, backupJobs, backupRunJob, backupVerifyJob, drDrillJob } from './jobs/backup.jobs';
export { auditArchiveJob, auditJobs, auditVerifyChainJob, complianceCheckJob } from './jobs/audit.jobs';
