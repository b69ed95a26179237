import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On-call schedules (ADR 0004): one validated schedule document per row, versioned for optimistic concurrency.
 * `document` is the Schedule of `oncall/schedule.types.ts` without its id (time zone, layers, overrides).
 */
export class CreateOncall1764500000000 implements MigrationInterface {
  name = 'CreateOncall1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oncall_schedules (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        document jsonb NOT NULL,
        version integer NOT NULL,
        updated_by_id varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT oncall_schedules_pkey PRIMARY KEY (id),
        CONSTRAINT oncall_schedules_name_key UNIQUE (name)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oncall_schedules`);
  }
}
