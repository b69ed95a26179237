import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TurnBatcher } from '../common/turn-batcher';
import { IncidentModel } from '../incidents/incident.model';
import type { IncidentAlertLink } from './alert-intake.types';
import { AlertIntakeRepository } from './alert-intake.repository';
import { IncidentAlertModel } from './incident-alert.model';

export function toIncidentAlertModel(link: IncidentAlertLink): IncidentAlertModel {
  return {
    fingerprint: link.fingerprint,
    alertname: link.alertname,
    groupKey: link.groupKey,
    service: link.service,
    state: link.lastState,
    firstFiringAt: link.firstFiringAt,
    lastFiringAt: link.lastFiringAt,
    resolvedAt: link.resolvedAt,
    labels: Object.keys(link.labels)
      .sort()
      .map((name) => ({ name, value: link.labels[name] ?? '' })),
    generatorUrl: link.generatorUrl,
  };
}

/** `Incident.alerts`: the alerts linked to the incident, first firing first. */
@Resolver(() => IncidentModel)
export class IncidentAlertsResolver {
  /** The links of every incident of one answer, in one statement. */
  private readonly links: TurnBatcher<IncidentAlertLink[]>;

  constructor(repository: AlertIntakeRepository) {
    this.links = new TurnBatcher((ids) => repository.linksOf(ids));
  }

  @ResolveField(() => [IncidentAlertModel], { description: 'Alerts linked to the incident, first firing first' })
  async alerts(@Parent() incident: IncidentModel): Promise<IncidentAlertModel[]> {
    return ((await this.links.load(incident.id)) ?? []).map(toIncidentAlertModel);
  }
}
