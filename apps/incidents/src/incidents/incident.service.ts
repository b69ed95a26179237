import { Injectable } from '@nestjs/common';
import { SEVERITY_DEFINITIONS, type Actor, type IncidentSeverity, type IncidentStatus } from '@keel/contracts';
import { ServiceCatalog } from '../directory';
import { validateDeclaration } from './declare-incident.rules';
import { IncidentCommandService } from './incident-commands.service';
import { IncidentEventsPublisher } from './incident-events.publisher';
import { requireInstant } from './incident-input';
import type { IncidentState } from './incident-state.repository';
import { IncidentStateRepository } from './incident-state.repository';
import type { IncidentEntity } from './incident.entity';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { IncidentRepository } from './incident.repository';

export const MAX_PAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DeclareIncidentRequest {
  title: string;
  description?: string;
  severity: string;
  services?: string[];
  tags?: string[];
  type?: string | null;
  /** Open in triage (to accept, decline or merge) instead of investigating. */
  triage?: boolean;
  impactStartedAt?: Date | null;
  detectedAt?: Date | null;
}

/** Throws INVALID_INCIDENT_INPUT unless the id is a UUID (PostgreSQL would refuse it less clearly). */
export function assertIncidentId(id: string, field = 'incident id'): string {
  if (!UUID.test(id)) {
    throw new IncidentException(IncidentErrorCode.INVALID_INCIDENT_INPUT, `${field} must be a UUID, got "${id}"`);
  }
  return id;
}

@Injectable()
export class IncidentService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly states: IncidentStateRepository,
    private readonly commands: IncidentCommandService,
    private readonly events: IncidentEventsPublisher,
    private readonly catalog: ServiceCatalog,
  ) {}

  list(filter: {
    status?: IncidentStatus;
    severity?: IncidentSeverity;
    service?: string;
    first?: number;
  }): Promise<IncidentEntity[]> {
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
    return (await this.state(id)).incident;
  }

  /** The incident with its milestones, roles and checklist. */
  async state(id: string): Promise<IncidentState> {
    const state = await this.states.load(assertIncidentId(id));
    if (!state) throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${id} does not exist`);
    return state;
  }

  /**
   * Declares an incident: validated, stored with its opening milestones, checklist and timeline entry, the other
   * features' hooks run, and `incident.opened` published before the commit (when publishing fails nothing is kept).
   */
  async declare(input: DeclareIncidentRequest, actor: Actor): Promise<IncidentState> {
    const command = validateDeclaration(input);
    await this.catalog.assertKnownServices(command.services);
    const optionalInstant = (value: Date | null | undefined, field: string): Date | null =>
      value === null || value === undefined ? null : requireInstant(value, field, IncidentErrorCode.INVALID_MILESTONES);
    return this.states.transaction(async (db) => {
      const state = await this.commands.open(
        db,
        {
          ...command,
          status: input.triage === true ? 'triage' : 'investigating',
          impactStartedAt: optionalInstant(input.impactStartedAt, 'impactStartedAt'),
          detectedAt: optionalInstant(input.detectedAt, 'detectedAt'),
        },
        actor,
        new Date(),
      );
      await this.events.publish('incident.opened', state.incident, actor);
      return state;
    });
  }

  severityLevels(): Array<{ severity: IncidentSeverity; label: string; definition: string }> {
    return Object.entries(SEVERITY_DEFINITIONS).map(([severity, level]) => ({
      severity: severity as IncidentSeverity,
      label: level.label,
      definition: level.description,
    }));
  }
}
