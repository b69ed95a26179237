import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TurnBatcher } from '../common/turn-batcher';
import { IncidentModel } from '../incidents/incident.model';
import { toIncidentEscalationModel } from './escalation.mapper';
import { IncidentEscalationModel } from './escalation.model';
import { IncidentEscalationRepository } from './incident-escalation.repository';

/** `Incident.escalation`: where paging the incident stands. */
@Resolver(() => IncidentModel)
export class IncidentEscalationResolver {
  /**
   * The escalation of every incident of one answer with its notifications, in two statements (the second only when
   * one of the incidents has an escalation).
   */
  private readonly escalations: TurnBatcher<IncidentEscalationModel>;

  constructor(repository: IncidentEscalationRepository) {
    this.escalations = new TurnBatcher(async (incidentIds) => {
      const latest = await repository.latestForIncidents(incidentIds);
      const notifications = await repository.notificationsOf([...latest.values()].map((e) => e.id));
      return new Map(
        [...latest].map(([incidentId, e]) => [incidentId, toIncidentEscalationModel(e, notifications.get(e.id) ?? [])]),
      );
    });
  }

  @ResolveField(() => IncidentEscalationModel, {
    nullable: true,
    description: 'The running escalation, else the latest one; null when the incident never paged',
  })
  escalation(@Parent() incident: IncidentModel): Promise<IncidentEscalationModel | null> {
    return this.escalations.load(incident.id);
  }
}
