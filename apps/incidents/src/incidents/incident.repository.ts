import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { IncidentEntity } from './incident.entity';

export interface IncidentFilter {
  status?: IncidentStatus;
  severity?: IncidentSeverity;
  first: number;
}

export interface NewIncident {
  title: string;
  description: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  declaredById: string;
  declaredByName: string;
}

@Injectable()
export class IncidentRepository {
  private readonly incidents: Repository<IncidentEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.incidents = dataSource.getRepository(IncidentEntity);
  }

  findById(id: string): Promise<IncidentEntity | null> {
    return this.incidents.findOneBy({ id });
  }

  findNewestFirst(filter: IncidentFilter): Promise<IncidentEntity[]> {
    return this.incidents.find({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.severity ? { severity: filter.severity } : {}),
      },
      order: { createdAt: 'DESC' },
      take: filter.first,
    });
  }

  insert(incident: NewIncident): Promise<IncidentEntity> {
    return this.incidents.save(this.incidents.create(incident));
  }
}
