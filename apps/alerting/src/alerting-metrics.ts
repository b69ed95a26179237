import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@keel/observability';
import type { Counter, Gauge, Histogram } from 'prom-client';

/**
 * The alerting service's own metrics, served on GET /metrics. Where Prometheus' rule manager or Alertmanager
 * has a metric for the same thing, it has the same name and labels, so their dashboards and mixin alerts work.
 */
@Injectable()
export class AlertingMetrics {
  readonly evaluatorLeader: Gauge;
  readonly ruleFilesReloadSuccessful: Gauge;
  readonly ruleFilesReloadTimestamp: Gauge;
  readonly evaluations: Counter<'rule_group'>;
  readonly evaluationFailures: Counter<'rule_group'>;
  readonly groupLastDuration: Gauge<'rule_group'>;
  readonly groupLastEvaluation: Gauge<'rule_group'>;
  readonly groupIterationsMissed: Counter<'rule_group'>;
  readonly groupRules: Gauge<'rule_group'>;
  readonly ruleEvaluationSeconds: Histogram;
  readonly notifications: Counter<'integration'>;
  readonly notificationsFailed: Counter<'integration'>;
  readonly notificationLatency: Histogram<'integration'>;
  readonly alertsReceived: Counter<'status'>;
  readonly alertsInvalid: Counter;
  readonly purgedRows: Counter<'table'>;

  constructor(registry: MetricsRegistry) {
    this.evaluatorLeader = registry.gauge({
      name: 'keel_alerting_evaluator_leader',
      help: 'Whether this process is the one evaluating rules of its deployment (1) or a standby (0)',
    });
    this.ruleFilesReloadSuccessful = registry.gauge({
      name: 'keel_alerting_rule_files_last_reload_successful',
      help: 'Whether every rule file loaded at the last reload (1) or one kept its last good version (0)',
    });
    this.ruleFilesReloadTimestamp = registry.gauge({
      name: 'keel_alerting_rule_files_last_reload_timestamp_seconds',
      help: 'Time of the last reload of the rule directory',
    });
    const byGroup = { labelNames: ['rule_group'] as const };
    this.evaluations = registry.counter({
      name: 'prometheus_rule_evaluations_total',
      help: 'The total number of rule evaluations',
      ...byGroup,
    });
    this.evaluationFailures = registry.counter({
      name: 'prometheus_rule_evaluation_failures_total',
      help: 'The total number of rule evaluation failures',
      ...byGroup,
    });
    this.groupLastDuration = registry.gauge({
      name: 'prometheus_rule_group_last_duration_seconds',
      help: 'The duration of the last rule group evaluation',
      ...byGroup,
    });
    this.groupLastEvaluation = registry.gauge({
      name: 'prometheus_rule_group_last_evaluation_timestamp_seconds',
      help: 'The timestamp of the last rule group evaluation in seconds',
      ...byGroup,
    });
    this.groupIterationsMissed = registry.counter({
      name: 'prometheus_rule_group_iterations_missed_total',
      help: 'The total number of rule group evaluations missed due to slow rule group evaluation',
      ...byGroup,
    });
    this.groupRules = registry.gauge({
      name: 'prometheus_rule_group_rules',
      help: 'The number of rules',
      ...byGroup,
    });
    this.ruleEvaluationSeconds = registry.histogram({
      name: 'prometheus_rule_evaluation_duration_seconds',
      help: 'The duration for a rule to execute',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
    });
    const byIntegration = { labelNames: ['integration'] as const };
    this.notifications = registry.counter({
      name: 'alertmanager_notifications_total',
      help: 'The total number of attempted notifications',
      ...byIntegration,
    });
    this.notificationsFailed = registry.counter({
      name: 'alertmanager_notifications_failed_total',
      help: 'The total number of failed notifications',
      ...byIntegration,
    });
    this.notificationLatency = registry.histogram({
      name: 'alertmanager_notification_latency_seconds',
      help: 'The latency of notifications in seconds',
      buckets: [1, 5, 10, 15, 20],
      ...byIntegration,
    });
    for (const integration of ['webhook', 'email', 'slack']) {
      this.notifications.inc({ integration }, 0);
      this.notificationsFailed.inc({ integration }, 0);
    }
    this.alertsReceived = registry.counter({
      name: 'alertmanager_alerts_received_total',
      help: 'The total number of received alerts',
      labelNames: ['status'],
    });
    this.alertsInvalid = registry.counter({
      name: 'alertmanager_alerts_invalid_total',
      help: 'The total number of received alerts that were invalid',
    });
    this.purgedRows = registry.counter({
      name: 'keel_alerting_retention_purged_rows_total',
      help: 'Rows removed by the retention purge (history, delivery log, expired notification log and silences)',
      labelNames: ['table'] as const,
    });
  }
}
