import { Injectable } from '@nestjs/common';
import type { SqlRunner } from './incident-hooks';
import type { RoleAssignment } from './incident-roles';
import { IncidentStateRepository } from './incident-state.repository';
import type { IncidentEntity } from './incident.entity';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import type { Milestones } from './milestones';
import type { TimelineEntry } from './timeline';
import { TimelineRepository } from './timeline.repository';

/** A linked alert as the post-mortem draft and the retrospectives read it. */
export interface IncidentAlertFact {
  fingerprint: string;
  alertName: string;
  annotations: Record<string, string>;
  firstFiringAt: Date | null;
  resolvedAt: Date | null;
}

/** Everything recorded about one incident, read in one go (for the post-mortem draft and exports). */
export interface IncidentFacts {
  incident: IncidentEntity;
  milestones: Milestones;
  roles: RoleAssignment[];
  timeline: TimelineEntry[];
  alerts: IncidentAlertFact[];
}

/** Reads IncidentFacts, inside a caller's transaction when `db` is given (a hook) or on its own. */
@Injectable()
export class IncidentFactsReader {
  constructor(
    private readonly states: IncidentStateRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async read(incidentId: string, db?: SqlRunner): Promise<IncidentFacts> {
    const state = await this.states.load(incidentId, db);
    if (state === null) {
      throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${incidentId} does not exist`);
    }
    const [timeline, alerts] = await Promise.all([
      this.timeline.forIncident(incidentId, db),
      this.states.alertsOf(incidentId, db),
    ]);
    return { incident: state.incident, milestones: state.milestones, roles: state.roles, timeline, alerts };
  }
}
