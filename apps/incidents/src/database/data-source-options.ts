import type { CreateDataSourceOptions } from '@keel/database';
import { AlertIntakeProcessedEntity, IncidentAlertEntity } from '../alert-intake/alert-intake.entity';
import {
  IncidentChecklistStepEntity,
  IncidentMilestoneEntity,
  IncidentRoleAssignmentEntity,
} from '../incidents/incident-core.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { IncidentTimelineEntity } from '../incidents/incident-timeline.entity';
import { ServiceEntity } from '../directory/service.entity';
import { OncallScheduleEntity } from '../oncall/oncall-schedule.entity';
import { ActionItemEntity, PostMortemEntity } from '../postmortems/post-mortem.entity';
import { ContactMethodEntity } from '../oncall/contact-method.entity';
import { EscalationPolicyEntity } from '../oncall/escalation-policy.entity';
import { EscalationNotificationEntity, IncidentEscalationEntity } from '../oncall/incident-escalation.entity';
import { IncidentRunbookEntity, RunbookEntity, RunbookVersionEntity } from '../runbooks/runbook.entity';
import { RetrospectiveEntity } from '../retrospectives/retrospective.entity';
import { IncidentRepeatEntity } from '../retrospectives/incident-repeat.entity';
import { CreateIncidents1764100000000 } from './migrations/1764100000000-create-incidents';
import { CreateServiceCatalog1765200000000 } from './migrations/1765200000000-create-service-catalog';
import { CreateOncall1764500000000 } from './migrations/1764500000000-create-oncall';
import { CreateAlertIntake1764600000000 } from './migrations/1764600000000-create-alert-intake';
import { CreateIncidentTimeline1764700000000 } from './migrations/1764700000000-create-incident-timeline';
import { CreateEscalations1765000000000 } from './migrations/1765000000000-create-escalations';
import { CreateRunbooks1764900000000 } from './migrations/1764900000000-create-runbooks';
import { CreateIncidentCore1764800000000 } from './migrations/1764800000000-create-incident-core';
import { CreatePostMortems1765100000000 } from './migrations/1765100000000-create-post-mortems';
import { RetrospectiveIndexes1765300000000 } from './migrations/1765300000000-retrospective-indexes';
import { IncidentPageIndexes1765400000000 } from './migrations/1765400000000-incident-page-indexes';
import { IncidentResponseTimes1765500000000 } from './migrations/1765500000000-incident-response-times';
import { IncidentRepeats1765600000000 } from './migrations/1765600000000-incident-repeats';
import { IncidentPeriodIndex1765700000000 } from './migrations/1765700000000-incident-period-index';
import { RetrospectiveMeetingService1765800000000 } from './migrations/1765800000000-retrospective-meeting-service';

export const INCIDENTS_ENTITIES = [
  IncidentEntity,
  OncallScheduleEntity,
  IncidentAlertEntity,
  AlertIntakeProcessedEntity,
  IncidentTimelineEntity,
  ServiceEntity,
  IncidentMilestoneEntity,
  IncidentRoleAssignmentEntity,
  IncidentChecklistStepEntity,
  RunbookEntity,
  RunbookVersionEntity,
  IncidentRunbookEntity,
  EscalationPolicyEntity,
  ContactMethodEntity,
  IncidentEscalationEntity,
  EscalationNotificationEntity,
  PostMortemEntity,
  ActionItemEntity,
  RetrospectiveEntity,
  IncidentRepeatEntity,
];
export const INCIDENTS_MIGRATIONS = [
  CreateIncidents1764100000000,
  CreateOncall1764500000000,
  CreateAlertIntake1764600000000,
  CreateIncidentTimeline1764700000000,
  CreateIncidentCore1764800000000,
  CreateRunbooks1764900000000,
  CreateEscalations1765000000000,
  CreatePostMortems1765100000000,
  CreateServiceCatalog1765200000000,
  RetrospectiveIndexes1765300000000,
  IncidentPageIndexes1765400000000,
  IncidentResponseTimes1765500000000,
  IncidentRepeats1765600000000,
  IncidentPeriodIndex1765700000000,
  RetrospectiveMeetingService1765800000000,
];

export function incidentsDataSourceOptions(schema: string): Omit<CreateDataSourceOptions, 'url'> {
  return { schema, entities: INCIDENTS_ENTITIES, migrations: INCIDENTS_MIGRATIONS, applicationName: 'keel-incidents' };
}
