import type { CreateDataSourceOptions } from '@keel/database';
import { IncidentEntity } from '../incidents/incident.entity';
import { OncallScheduleEntity } from '../oncall/oncall-schedule.entity';
import { CreateIncidents1764100000000 } from './migrations/1764100000000-create-incidents';
import { CreateOncall1764500000000 } from './migrations/1764500000000-create-oncall';

export const INCIDENTS_ENTITIES = [IncidentEntity, OncallScheduleEntity];
export const INCIDENTS_MIGRATIONS = [CreateIncidents1764100000000, CreateOncall1764500000000];

export function incidentsDataSourceOptions(schema: string): Omit<CreateDataSourceOptions, 'url'> {
  return { schema, entities: INCIDENTS_ENTITIES, migrations: INCIDENTS_MIGRATIONS, applicationName: 'keel-incidents' };
}
