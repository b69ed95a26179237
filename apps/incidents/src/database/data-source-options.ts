import type { CreateDataSourceOptions } from '@keel/database';
import { AlertIntakeProcessedEntity, IncidentAlertEntity } from '../alert-intake/alert-intake.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { IncidentTimelineEntity } from '../incidents/incident-timeline.entity';
import { OncallScheduleEntity } from '../oncall/oncall-schedule.entity';
import { CreateIncidents1764100000000 } from './migrations/1764100000000-create-incidents';
import { CreateOncall1764500000000 } from './migrations/1764500000000-create-oncall';
import { CreateAlertIntake1764600000000 } from './migrations/1764600000000-create-alert-intake';
import { CreateIncidentTimeline1764700000000 } from './migrations/1764700000000-create-incident-timeline';

export const INCIDENTS_ENTITIES = [
  IncidentEntity,
  OncallScheduleEntity,
  IncidentAlertEntity,
  AlertIntakeProcessedEntity,
  IncidentTimelineEntity,
];
export const INCIDENTS_MIGRATIONS = [
  CreateIncidents1764100000000,
  CreateOncall1764500000000,
  CreateAlertIntake1764600000000,
  CreateIncidentTimeline1764700000000,
];

export function incidentsDataSourceOptions(schema: string): Omit<CreateDataSourceOptions, 'url'> {
  return { schema, entities: INCIDENTS_ENTITIES, migrations: INCIDENTS_MIGRATIONS, applicationName: 'keel-incidents' };
}
