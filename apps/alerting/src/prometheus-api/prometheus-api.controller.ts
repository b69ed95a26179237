import { BadRequestException, Controller, Get, Inject, Query, UseFilters, UseGuards } from '@nestjs/common';
import { PrometheusApiExceptionFilter, promSuccess, type PromSuccess } from '@keel/prometheus-api';
import { AllowServices, ApiAccessGuard, Roles } from '@keel/auth';
import { ALERTING_CONFIG, type AlertingConfig } from '../config';
import { EvaluationService } from '../evaluation/evaluation.service';
import { groupDefaultsOf, groupStatusesInEffect, type GroupDefaults } from '../evaluation/group-status';
import { RuleSourcesService } from '../rules/rule-sources.service';
import { alertsData, rulesData, type RulesFilter } from './prom-rules-format';

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/**
 * Prometheus' GET /api/v1/rules and GET /api/v1/alerts, in Prometheus' envelope and field names, so Grafana and
 * scripts written for Prometheus read Keel's rules and alerts. Bearer JWT (viewer) or an API key (alerts:read is
 * not a scope: metrics:read covers reading); Keel's services with their own service token (the incidents service's
 * runbook report reads the alert rules), as the metrics service's query API lets the alerting service in. Read-only:
 * nothing here changes state. A process that does not evaluate lists the groups in effect with their rules not
 * evaluated (health "unknown"), and no alerts.
 */
@Controller('api/v1')
@Roles('viewer')
@AllowServices()
@UseGuards(ApiAccessGuard({ what: 'the rules API', scope: 'metrics:read', services: true }))
@UseFilters(new PrometheusApiExceptionFilter())
export class PrometheusApiController {
  private readonly defaults: GroupDefaults;

  constructor(
    @Inject(ALERTING_CONFIG) config: AlertingConfig,
    private readonly sources: RuleSourcesService,
    private readonly evaluation: EvaluationService,
  ) {
    this.defaults = groupDefaultsOf(config);
  }

  @Get('rules')
  rules(@Query() query: Record<string, string | string[] | undefined>): PromSuccess<unknown> {
    const type = query['type'];
    if (type !== undefined && type !== 'alert' && type !== 'record') {
      throw new BadRequestException(`unsupported type "${String(type)}"`);
    }
    const filter: RulesFilter = {
      ...(type ? { type } : {}),
      ...opt('ruleNames', list(query['rule_name[]'] ?? query['rule_name'])),
      ...opt('ruleGroups', list(query['rule_group[]'] ?? query['rule_group'])),
      ...opt('files', list(query['file[]'] ?? query['file'])),
      excludeAlerts: query['exclude_alerts'] === 'true',
    };
    const groups = groupStatusesInEffect(this.sources.groups(), this.evaluation.statuses(), this.defaults);
    return promSuccess(rulesData(groups, filter));
  }

  @Get('alerts')
  alerts(): PromSuccess<unknown> {
    return promSuccess(alertsData(this.evaluation.statuses()));
  }
}

function opt<K extends string>(key: K, value: string[] | undefined): Partial<Record<K, string[]>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string[]>);
}
