import { Module } from '@nestjs/common';
import { AlertsResolver } from './alerts/alerts.resolver';
import { EvaluationModule } from './evaluation/evaluation.module';
import { AlertmanagerApiController } from './notification/alertmanager-api.controller';
import { NotificationModule } from './notification/notification.module';
import { NotificationResolver } from './notification/notification.resolver';
import { PrometheusApiController } from './prometheus-api/prometheus-api.controller';
import { RulesModule } from './rules/rules.module';
import { RulesResolver } from './rules/rules.resolver';
import { SilencesResolver } from './silences/silences.resolver';

/** The service's edges: the `alerting` subgraph's resolvers and the Prometheus/Alertmanager HTTP APIs. */
@Module({
  imports: [RulesModule, EvaluationModule, NotificationModule],
  controllers: [PrometheusApiController, AlertmanagerApiController],
  providers: [RulesResolver, AlertsResolver, SilencesResolver, NotificationResolver],
})
export class ApiModule {}
