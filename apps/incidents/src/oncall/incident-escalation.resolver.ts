import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IncidentModel } from '../incidents/incident.model';
import { toIncidentEscalationModel } from './escalation.mapper';
import { IncidentEscalationModel } from './escalation.model';
import { IncidentEscalationRepository } from './incident-escalation.repository';

/** `Incident.escalation`: where paging the incident stands. */
@Resolver(() => IncidentModel)
export class IncidentEscalationResolver {
  constructor(private readonly escalations: IncidentEscalationRepository) {}

  @ResolveField(() => IncidentEscalationModel, {
    nullable: true,
    description: 'The running escalation, else the latest one; null when the incident never paged',
  })
  async escalation(@Parent() incident: IncidentModel): Promise<IncidentEscalationModel | null> {
    const escalation = await this.escalations.latestForIncident(incident.id);
    if (!escalation) return null;
    return toIncidentEscalationModel(escalation, await this.escalations.notificationsOf(escalation.id));
  }
}
