import { Injectable } from '@nestjs/common';
import { SEVERITY_DEFINITIONS, type Actor, type IncidentSeverity, type IncidentStatus } from '@keel/contracts';
import { validateDeclaration } from './declare-incident.rules';
import type { IncidentEntity } from './incident.entity';
import { IncidentEventsPublisher } from './incident-events.publisher';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { IncidentRepository } from './incident.repository';

export const MAX_PAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class IncidentService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly events: IncidentEventsPublisher,
  ) {}

  list(filter: { status?: IncidentStatus; severity?: IncidentSeverity; first?: number }): Promise<IncidentEntity[]> {
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new IncidentException(
        IncidentErrorCode.INVALID_INCIDENT_INPUT,
        `first must be an integer from 1 to ${MAX_PAGE}, got ${first}`,
      );
    }
    return this.incidents.findNewestFirst({ ...filter, first });
  }

  async get(id: string): Promise<IncidentEntity> {
    if (!UUID.test(id))
      throw new IncidentException(IncidentErrorCode.INVALID_INCIDENT_INPUT, `incident id must be a UUID, got "${id}"`);
    const incident = await this.incidents.findById(id);
    if (!incident) throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${id} does not exist`);
    return incident;
  }

  async declare(
    input: { title: string; description?: string; severity: string; services?: string[] },
    actor: Actor,
  ): Promise<IncidentEntity> {
    const command = validateDeclaration(input);
    return this.incidents.insertAndAnnounce(
      { ...command, status: 'investigating', declaredById: actor.id, declaredByName: actor.name ?? actor.id },
      (incident) => this.events.publish('incident.opened', incident, actor),
      (incident) => [
        {
          incidentId: incident.id,
          detail: {
            kind: 'status_change',
            from: null,
            to: incident.status as IncidentStatus,
            reason: null,
            mergedIntoId: null,
          },
          actor: { type: actor.type, id: actor.id, name: actor.name ?? actor.id },
          occurredAt: incident.createdAt,
        },
      ],
    );
  }

  severityLevels(): Array<{ severity: IncidentSeverity; label: string; definition: string }> {
    return Object.entries(SEVERITY_DEFINITIONS).map(([severity, level]) => ({
      severity: severity as IncidentSeverity,
      label: level.label,
      definition: level.description,
    }));
  }
}
