import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
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
  constructor(private readonly repository: AlertIntakeRepository) {}

  @ResolveField(() => [IncidentAlertModel], { description: 'Alerts linked to the incident, first firing first' })
  async alerts(@Parent() incident: IncidentModel): Promise<IncidentAlertModel[]> {
    const links = await this.repository.linksOf([incident.id]);
    return (links.get(incident.id) ?? []).map(toIncidentAlertModel);
  }
}
