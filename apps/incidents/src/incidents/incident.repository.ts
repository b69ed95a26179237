import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { IncidentEntity } from './incident.entity';
import { type NewTimelineEntry, TimelineRepository } from './timeline.repository';

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

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
  ) {
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

  /**
   * Inserts the incident and its opening timeline entries, and runs `announce` before the transaction commits:
   * when announcing (publishing the event) fails, nothing is stored, so no incident exists that the rest of the
   * platform never heard of.
   */
  insertAndAnnounce(
    incident: NewIncident,
    announce: (saved: IncidentEntity) => Promise<void>,
    timeline: (saved: IncidentEntity) => NewTimelineEntry[] = () => [],
  ): Promise<IncidentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(IncidentEntity).save(manager.create(IncidentEntity, incident));
      await this.timeline.append(manager, timeline(saved), { now: new Date(), openedAt: saved.createdAt });
      await announce(saved);
      return saved;
    });
  }
}
