import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert intake (ADR 0004, `alert-intake/README.md`): the alerts linked to each incident, one row per
 * (incident, fingerprint), and the dedupe key of every keel.alerts.v1 event the consumer applied.
 */
export class CreateAlertIntake1764600000000 implements MigrationInterface {
  name = 'CreateAlertIntake1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_alerts (
        incident_id uuid NOT NULL,
        fingerprint varchar(128) NOT NULL,
        alertname text NOT NULL,
        group_key text NOT NULL,
        service varchar(63),
        labels jsonb NOT NULL,
        annotations jsonb NOT NULL,
        first_firing_at timestamptz NOT NULL,
        last_firing_at timestamptz NOT NULL,
        last_state varchar(10) NOT NULL,
        last_state_at timestamptz NOT NULL,
        resolved_at timestamptz,
        generator_url text,
        CONSTRAINT incident_alerts_pkey PRIMARY KEY (incident_id, fingerprint),
        CONSTRAINT incident_alerts_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX incident_alerts_group_key_idx ON incident_alerts (group_key)`);
    await queryRunner.query(`CREATE INDEX incident_alerts_fingerprint_idx ON incident_alerts (fingerprint)`);
    await queryRunner.query(`
      CREATE TABLE alert_intake_processed (
        dedupe_key varchar(180) NOT NULL,
        event_id uuid NOT NULL,
        fingerprint varchar(128) NOT NULL,
        outcome varchar(20) NOT NULL,
        ignore_reason varchar(32),
        incident_id uuid,
        processed_at timestamptz NOT NULL,
        CONSTRAINT alert_intake_processed_pkey PRIMARY KEY (dedupe_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alert_intake_processed`);
    await queryRunner.query(`DROP TABLE incident_alerts`);
  }
}
