import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Post-mortems (ADR 0004, `postmortems/`):
 * - `post_mortems`: one per incident; `document` holds the PostMortem of `postmortems/post-mortem.types.ts` without
 *   its columns (id, incident, status, owner, instants) and without its action items; `version` is the optimistic
 *   lock of every write.
 * - `action_items`: kept relational, each with its own version, so following one up never conflicts with another.
 *   `action_items_open_due_idx` serves the overdue query (open or in progress, by due date);
 *   `action_items_incident_id_idx` the closing check and the retrospectives, which read the action items of a
 *   period's incidents.
 */
export class CreatePostMortems1765100000000 implements MigrationInterface {
  name = 'CreatePostMortems1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE post_mortems (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL,
        status varchar(20) NOT NULL,
        document jsonb NOT NULL,
        owner_id varchar(128) NOT NULL,
        created_by_id varchar(128) NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        published_by_id varchar(128),
        CONSTRAINT post_mortems_pkey PRIMARY KEY (id),
        CONSTRAINT post_mortems_incident_id_key UNIQUE (incident_id),
        CONSTRAINT post_mortems_status_check CHECK (status IN ('draft', 'in_review', 'published')),
        CONSTRAINT post_mortems_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX post_mortems_status_updated_at_idx ON post_mortems (status, updated_at)`);
    await queryRunner.query(`
      CREATE TABLE action_items (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_mortem_id uuid NOT NULL,
        incident_id uuid NOT NULL,
        position integer NOT NULL,
        type varchar(10) NOT NULL,
        title varchar(300) NOT NULL,
        owner_id varchar(128),
        due_date date,
        status varchar(20) NOT NULL,
        required boolean NOT NULL DEFAULT false,
        closed_at timestamptz,
        status_reason text,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT action_items_pkey PRIMARY KEY (id),
        CONSTRAINT action_items_post_mortem_id_position_key UNIQUE (post_mortem_id, position),
        CONSTRAINT action_items_type_check CHECK (type IN ('prevent', 'mitigate', 'detect', 'process')),
        CONSTRAINT action_items_status_check CHECK (status IN ('open', 'in_progress', 'done', 'wont_do')),
        CONSTRAINT action_items_post_mortem_id_fkey FOREIGN KEY (post_mortem_id) REFERENCES post_mortems (id) ON DELETE CASCADE,
        CONSTRAINT action_items_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX action_items_open_due_idx ON action_items (due_date) WHERE status IN ('open', 'in_progress')`,
    );
    await queryRunner.query(`CREATE INDEX action_items_incident_id_idx ON action_items (incident_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE action_items`);
    await queryRunner.query(`DROP TABLE post_mortems`);
  }
}
