import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runbooks (ADR 0004, `runbooks/README.md`):
 * - `runbooks`: one row per runbook name with its current version and the front matter of that version in columns
 *   (owner, alerts, services, incident types, last review) so lists filter by index; `archived` hides it from
 *   lists and from automatic activation, its versions stay readable.
 * - `runbook_versions`: every save is a new row (name, version), never updated: the Markdown, the parsed front
 *   matter and its author.
 * - `incident_runbooks`: the runbooks an incident activated, once per (incident, runbook), with the version then
 *   current, who activated it and whether the incident's opening did (automatic).
 */
export class CreateRunbooks1764900000000 implements MigrationInterface {
  name = 'CreateRunbooks1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE runbooks (
        name varchar(200) NOT NULL,
        current_version integer NOT NULL,
        title varchar(200) NOT NULL,
        owner varchar(200) NOT NULL,
        alerts text[] NOT NULL DEFAULT '{}',
        services text[] NOT NULL DEFAULT '{}',
        incident_types text[] NOT NULL DEFAULT '{}',
        last_reviewed date,
        archived boolean NOT NULL DEFAULT false,
        updated_by_id varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT runbooks_pkey PRIMARY KEY (name)
      )`);
    await queryRunner.query(`CREATE INDEX runbooks_alerts_idx ON runbooks USING gin (alerts)`);
    await queryRunner.query(`CREATE INDEX runbooks_services_idx ON runbooks USING gin (services)`);
    await queryRunner.query(`CREATE INDEX runbooks_incident_types_idx ON runbooks USING gin (incident_types)`);
    await queryRunner.query(`
      CREATE TABLE runbook_versions (
        name varchar(200) NOT NULL,
        version integer NOT NULL,
        markdown text NOT NULL,
        front_matter jsonb NOT NULL,
        author_id varchar(128) NOT NULL,
        author_name varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT runbook_versions_pkey PRIMARY KEY (name, version),
        CONSTRAINT runbook_versions_name_fkey FOREIGN KEY (name) REFERENCES runbooks (name) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE incident_runbooks (
        incident_id uuid NOT NULL,
        runbook_name varchar(200) NOT NULL,
        version integer NOT NULL,
        activated_at timestamptz NOT NULL,
        activated_by_type varchar(20) NOT NULL,
        activated_by_id varchar(128) NOT NULL,
        activated_by_name varchar(128) NOT NULL,
        automatic boolean NOT NULL,
        CONSTRAINT incident_runbooks_pkey PRIMARY KEY (incident_id, runbook_name),
        CONSTRAINT incident_runbooks_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE,
        CONSTRAINT incident_runbooks_runbook_name_fkey FOREIGN KEY (runbook_name) REFERENCES runbooks (name)
      )`);
    await queryRunner.query(`CREATE INDEX incident_runbooks_runbook_name_idx ON incident_runbooks (runbook_name)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE incident_runbooks`);
    await queryRunner.query(`DROP TABLE runbook_versions`);
    await queryRunner.query(`DROP TABLE runbooks`);
  }
}
