import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repeat incidents are recorded when an alert links to an incident (RepeatRecorder, `findRepeat`) instead of being
 * derived by every retrospective from a year of earlier incidents and their action items: a period's report reads
 * its repeats by key. The candidates of one incident are found by alert rule name
 * (`incident_alerts_alertname_idx`). Incidents linked before this migration have no recorded repeat: no release
 * of the incidents service preceded it.
 */
export class IncidentRepeats1765600000000 implements MigrationInterface {
  name = 'IncidentRepeats1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_repeats (
        incident_id uuid NOT NULL,
        earlier_incident_id uuid NOT NULL,
        services text array NOT NULL,
        triggers text array NOT NULL,
        action_items_done_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT incident_repeats_pkey PRIMARY KEY (incident_id),
        CONSTRAINT incident_repeats_incident_id_fkey FOREIGN KEY (incident_id)
          REFERENCES incidents (id) ON DELETE CASCADE,
        CONSTRAINT incident_repeats_earlier_incident_id_fkey FOREIGN KEY (earlier_incident_id)
          REFERENCES incidents (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX incident_repeats_earlier_incident_id_idx ON incident_repeats (earlier_incident_id)`,
    );
    await queryRunner.query(`CREATE INDEX incident_alerts_alertname_idx ON incident_alerts (alertname, incident_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX incident_alerts_alertname_idx`);
    await queryRunner.query(`DROP TABLE incident_repeats`);
  }
}
