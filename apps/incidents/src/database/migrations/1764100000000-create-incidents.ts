import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents, the start of the incidents service. Tables are unqualified: the service's schema is first on the
 * search_path. Constraint names are PostgreSQL's defaults, which SnakeNamingStrategy reproduces.
 */
export class CreateIncidents1764100000000 implements MigrationInterface {
  name = 'CreateIncidents1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incidents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        severity varchar(2) NOT NULL,
        status varchar(20) NOT NULL,
        services text[] NOT NULL DEFAULT '{}',
        declared_by_id varchar(128) NOT NULL,
        declared_by_name varchar(128) NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT incidents_pkey PRIMARY KEY (id),
        CONSTRAINT incidents_severity_check CHECK (severity IN ('P0', 'P1', 'P2', 'P3'))
      )`);
    await queryRunner.query(`CREATE INDEX incidents_status_created_at_idx ON incidents (status, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE incidents`);
  }
}
