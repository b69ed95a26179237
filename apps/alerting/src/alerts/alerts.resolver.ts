import { Args, GraphQLISODateTime, Int, Query, Resolver } from '@nestjs/graphql';
import { AlertStateRepository } from '../evaluation/alert-state.repository';
import { EvaluationService } from '../evaluation/evaluation.service';
import { ActiveAlertModel, AlertHistoryEntryModel, AlertStateEnum } from './alert.model';
import { AlertMuting } from './alert-muting';
import { toActiveAlertModel, toHistoryModel } from './alerts.mapper';

const MAX_HISTORY = 1000;

@Resolver(() => ActiveAlertModel)
export class AlertsResolver {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly history: AlertStateRepository,
    private readonly muting: AlertMuting,
  ) {}

  @Query(() => [ActiveAlertModel], {
    description: "Alerts of Keel's rules: pending, firing, and resolved ones still being re-sent; newest first",
  })
  alerts(@Args('state', { type: () => AlertStateEnum, nullable: true }) state?: AlertStateEnum): ActiveAlertModel[] {
    const muting = this.muting.now();
    return this.evaluation
      .statuses()
      .flatMap((g) => g.rules.flatMap((r) => r.alerts.map((a) => toActiveAlertModel(g.name, r.name, a, muting))))
      .filter((a) => !state || a.state === state)
      .sort((a, b) => b.activeAt.getTime() - a.activeAt.getTime());
  }

  @Query(() => [AlertHistoryEntryModel], { description: 'State changes of alerts, newest first' })
  async alertHistory(
    @Args('fingerprint', { nullable: true }) fingerprint?: string,
    @Args('ruleName', { nullable: true }) ruleName?: string,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number,
  ): Promise<AlertHistoryEntryModel[]> {
    const rows = await this.history.findHistory({
      ...(fingerprint ? { fingerprint } : {}),
      ...(ruleName ? { ruleName } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      first: Math.min(Math.max(first ?? 100, 1), MAX_HISTORY),
    });
    return rows.map(toHistoryModel);
  }
}
