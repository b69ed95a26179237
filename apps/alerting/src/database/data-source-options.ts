import type { CreateDataSourceOptions } from '@keel/database';
import { ManagedRuleGroupEntity } from '../rules/managed-rule-group.entity';
import { SilenceEntity } from '../silences/silence.entity';
import { CreateAlerting1764400000000 } from './migrations/1764400000000-create-alerting';

/** Alert state, history and the notification log are written with SQL in their repositories (batched upserts). */
export const ALERTING_ENTITIES = [ManagedRuleGroupEntity, SilenceEntity];
/** In the order they run; a new migration is appended here. */
export const ALERTING_MIGRATIONS = [CreateAlerting1764400000000];

export function alertingDataSourceOptions(schema: string): Omit<CreateDataSourceOptions, 'url'> {
  return {
    schema,
    entities: ALERTING_ENTITIES,
    migrations: ALERTING_MIGRATIONS,
    applicationName: 'keel-alerting',
  };
}
