import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A retrospective meeting is held for a period, or for a period and one service (`retrospective(period, service)`
 * shows that service's meeting, not the whole period's). `service` is null for the whole period; one meeting per
 * (period, service), null counting as one value.
 */
export class RetrospectiveMeetingService1765800000000 implements MigrationInterface {
  name = 'RetrospectiveMeetingService1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE retrospectives ADD COLUMN service varchar(63)`);
    await queryRunner.query(`ALTER TABLE retrospectives DROP CONSTRAINT retrospectives_period_key`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX retrospectives_period_service_key ON retrospectives (period, (coalesce(service, '')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM retrospectives WHERE service IS NOT NULL`);
    await queryRunner.query(`DROP INDEX retrospectives_period_service_key`);
    await queryRunner.query(`ALTER TABLE retrospectives ADD CONSTRAINT retrospectives_period_key UNIQUE (period)`);
    await queryRunner.query(`ALTER TABLE retrospectives DROP COLUMN service`);
  }
}
