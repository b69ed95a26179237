import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each incident carries its response times (acknowledged − detected, resolved − detected, in milliseconds), written
 * with its milestones by the one writer of milestones (IncidentStateRepository), so a period's medians and p90 read
 * one row per incident instead of its milestones. Existing incidents are filled from incident_milestones.
 */
export class IncidentResponseTimes1765500000000 implements MigrationInterface {
  name = 'IncidentResponseTimes1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE incidents ADD COLUMN time_to_acknowledge_ms bigint, ADD COLUMN time_to_resolve_ms bigint`,
    );
    await queryRunner.query(`
      UPDATE incidents i
         SET time_to_acknowledge_ms = d.ack, time_to_resolve_ms = d.res
        FROM (SELECT m.incident_id,
                     floor(extract(epoch FROM max(m.value) FILTER (WHERE m.name = 'acknowledged')) * 1000)
                   - floor(extract(epoch FROM max(m.value) FILTER (WHERE m.name = 'detected')) * 1000) AS ack,
                     floor(extract(epoch FROM max(m.value) FILTER (WHERE m.name = 'resolved')) * 1000)
                   - floor(extract(epoch FROM max(m.value) FILTER (WHERE m.name = 'detected')) * 1000) AS res
                FROM incident_milestones m
               WHERE m.name IN ('detected', 'acknowledged', 'resolved')
               GROUP BY m.incident_id) d
       WHERE d.incident_id = i.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE incidents DROP COLUMN time_to_acknowledge_ms, DROP COLUMN time_to_resolve_ms`);
  }
}
