import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written the way service migrations are: unqualified names (the search_path points at the service's
// schema) and PostgreSQL's default constraint names, which SnakeNamingStrategy reproduces.
export class CreateSampleNotes1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sample_notes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title text NOT NULL,
        view_count integer NOT NULL DEFAULT 0,
        author_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX sample_notes_author_id_idx ON sample_notes (author_id)`);
    await queryRunner.query(`
      CREATE TABLE sample_note_tag (
        id serial NOT NULL,
        note_id uuid NOT NULL REFERENCES sample_notes (id) ON DELETE CASCADE,
        label varchar(40) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (note_id, label)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sample_note_tag`);
    await queryRunner.query(`DROP TABLE sample_notes`);
  }
}
