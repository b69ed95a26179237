import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIncidents1764100000000 implements MigrationInterface {
  name = 'CreateIncidents1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = queryRunner.connection.driver.schema ?? 'incidents';
    await queryRunner.query(`
      CREATE TABLE "${schema}"."incidents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" character varying(200) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "severity" character varying(2) NOT NULL,
        "status" character varying(20) NOT NULL,
        "services" text array NOT NULL DEFAULT '{}',
        "declared_by_id" character varying(128) NOT NULL,
        "declared_by_name" character varying(128) NOT NULL,
        "version" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_incidents" PRIMARY KEY ("id"),
        CONSTRAINT "chk_incidents_severity" CHECK ("severity" IN ('P0', 'P1', 'P2', 'P3'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_incidents_status_created_at" ON "${schema}"."incidents" ("status", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = queryRunner.connection.driver.schema ?? 'incidents';
    await queryRunner.query(`DROP TABLE "${schema}"."incidents"`);
  }
}
