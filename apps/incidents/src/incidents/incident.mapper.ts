import type { IncidentEntity } from './incident.entity';
import type { IncidentModel } from './incident.model';

export function toIncidentModel(entity: IncidentEntity): IncidentModel {
  return {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    severity: entity.severity,
    status: entity.status,
    services: entity.services,
    tags: entity.tags,
    type: entity.type,
    triageOutcome: entity.triageOutcome,
    mergedIntoId: entity.mergedIntoId,
    version: entity.version,
    declaredBy: { id: entity.declaredById },
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}
