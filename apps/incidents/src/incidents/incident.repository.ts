import { Inject, Injectable } from '@nestjs/common';
import { ArrayContains, DataSource, type Repository } from 'typeorm';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { IncidentEntity } from './incident.entity';

export interface IncidentFilter {
  status?: IncidentStatus;
  severity?: IncidentSeverity;
  /** Incidents that list this service. */
  service?: string;
  first: number;
}

/** Reads of incident lists; changes go through IncidentStateRepository. */
@Injectable()
export class IncidentRepository {
  private readonly incidents: Repository<IncidentEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.incidents = dataSource.getRepository(IncidentEntity);
  }

  findNewestFirst(filter: IncidentFilter): Promise<IncidentEntity[]> {
    return this.incidents.find({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.severity ? { severity: filter.severity } : {}),
        ...(filter.service ? { services: ArrayContains([filter.service]) } : {}),
      },
      order: { createdAt: 'DESC' },
      take: filter.first,
    });
  }
}
