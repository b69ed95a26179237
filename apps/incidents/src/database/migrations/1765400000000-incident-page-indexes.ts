import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The filtered incident page (`incidents(status, severity, service, first)`, ADR 0004) reads either
 * `incidents_status_severity_created_at_idx` backwards, keeping the rows that list the service, or the GIN index
 * `incidents_services_idx` and sorts the service's rows; the planner picks by the cost of each. With GIN's default
 * `fastupdate`, new entries wait in the index's pending list until VACUUM, autoanalyze or 4 MB, and every scan of
 * the index reads the whole list. The planner costs that in: with the list full (after a bulk import, or the
 * thousands of incidents between two autoanalyze runs) it scanned the btree for a service with no closed P3
 * incident, 46,592 rows and 79 ms at 100,000 incidents, instead of 0.06 ms through the GIN index
 * (`npm run bench:incidents`, apps/incidents/README.md). Without the pending list an insert updates the GIN index
 * at once, a few microseconds per incident, and the plan no longer depends on when the table was last vacuumed.
 * The entity keeps describing the index as before (`synchronize: false`): only its storage parameter changes.
 */
export class IncidentPageIndexes1765400000000 implements MigrationInterface {
  name = 'IncidentPageIndexes1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX incidents_services_idx SET (fastupdate = off)`);
    // Turning fastupdate off keeps what is already pending: merge it now.
    await queryRunner.query(`SELECT gin_clean_pending_list('incidents_services_idx'::regclass)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX incidents_services_idx RESET (fastupdate)`);
  }
}
