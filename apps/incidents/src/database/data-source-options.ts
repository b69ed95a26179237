import type { CreateDataSourceOptions } from '@keel/database';
import { IncidentEntity } from '../incidents/incident.entity';
import { CreateIncidents1764100000000 } from './migrations/1764100000000-create-incidents';

export const INCIDENTS_ENTITIES = [IncidentEntity];
export const INCIDENTS_MIGRATIONS = [CreateIncidents1764100000000];

export function incidentsDataSourceOptions(schema: string): Omit<CreateDataSourceOptions, 'url'> {
  return { schema, entities: INCIDENTS_ENTITIES, migrations: INCIDENTS_MIGRATIONS, applicationName: 'keel-incidents' };
}
