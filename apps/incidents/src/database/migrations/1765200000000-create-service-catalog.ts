import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service catalog (`directory/`): the services incidents, alerts and runbooks may name. `name` is the slug
 * used everywhere else (SERVICE_NAME of `common/names.ts`); `source` says whether a person registered it
 * (`manual`) or the alert intake met it first in an alert's labels (`alert`). Owner team, tier and description are
 * unknown for services an alert brought in, until someone fills them in.
 */
export class CreateServiceCatalog1765200000000 implements MigrationInterface {
  name = 'CreateServiceCatalog1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE services (
        name varchar(63) NOT NULL,
        display_name varchar(200) NOT NULL,
        owner_team varchar(100),
        tier varchar(6),
        description text NOT NULL DEFAULT '',
        source varchar(6) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT services_pkey PRIMARY KEY (name),
        CONSTRAINT services_tier_check CHECK (tier IN ('tier_1', 'tier_2', 'tier_3')),
        CONSTRAINT services_source_check CHECK (source IN ('manual', 'alert'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE services`);
  }
}
