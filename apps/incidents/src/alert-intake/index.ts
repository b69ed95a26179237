// Alert intake: how keel.alerts.v1 events open incidents, attach to them and resolve their links, and when an
// incident's alerts are all over. Pure logic: no database, no Kafka, no Nest, no clock of its own.
export { AlertIntakeError, AlertIntakeErrorCode } from './alert-intake.error';
export type { ValidationIssue } from './alert-intake.error';
export { ALERT_LINK_STATES, IGNORE_REASONS } from './alert-intake.types';
export type {
  AlertIntakeConfig,
  AlertLinkState,
  AttachDecision,
  AttachMatch,
  IgnoreDecision,
  IgnoreReason,
  IncidentAlertLink,
  IncidentForIntake,
  IntakeDecision,
  IntakeTimelineEntry,
  LinkChange,
  LinkResolution,
  MitigationSuggestion,
  NewAlertLink,
  NewIncidentFromAlert,
  OpenDecision,
  ProcessedAlertEvent,
  ProcessedAlertEvents,
  ResolveLinkDecision,
  ResolvedAlertEvidence,
  SeverityRaise,
} from './alert-intake.types';
export {
  ALERTNAME_LABEL,
  alertDedupeKey,
  alertnameOf,
  groupKeyOf,
  isMoreSevere,
  parseInstant,
  SERVICE_GROUP_BY,
  serviceOf,
  SEVERITY_LABEL,
  severityOf,
} from './alert-identity';
export type { MappedSeverity } from './alert-identity';
export {
  ALERT_INTAKE_ENV,
  alertIntakeConfigFromEnv,
  alertIntakeConfigFromJson,
  alertIntakeConfigIssues,
  DEFAULT_ALERT_INTAKE_CONFIG,
  formatDuration,
  MAX_CORRELATION_WINDOW_MS,
  MIN_CORRELATION_WINDOW_MS,
  parseAlertIntakeConfig,
  parseDuration,
} from './intake-config';
export { decideIntake, incidentTitle, INTAKE_OPEN_STATUSES } from './decide-intake';
export { processedAlertEvent } from './processed-event';
export {
  alertDisplayName,
  allLinkedAlertsResolved,
  MITIGATION_SUGGESTED_STATUSES,
  mitigationSuggestion,
} from './mitigation';
