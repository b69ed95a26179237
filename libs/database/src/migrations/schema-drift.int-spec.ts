import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { CreateSampleNotes1700000000000, SampleNoteEntity, SampleNoteTagEntity } from '../testing-fixtures';
import { revertLastMigration, runMigrations } from './run-migrations';
import { assertEntitiesMatchMigrations, pendingSchemaChanges } from './schema-drift';

const url = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';

/** Same table as SampleNoteEntity, plus a column no migration creates. */
@Entity('sample_notes')
class SampleNoteWithArchiveEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer', default: 0 })
  viewCount!: number;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}

async function schemasStartingWith(prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [
      `${prefix}%`,
    ]);
    return result.rows.map((row) => row.nspname);
  } finally {
    await client.end();
  }
}

describe('migrations and schema drift (PostgreSQL)', () => {
  const schema = `db_drift_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource({
      url,
      schema,
      entities: [SampleNoteEntity, SampleNoteTagEntity],
      migrations: [CreateSampleNotes1700000000000],
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('creates the schema, runs pending migrations once and reports their names', async () => {
    const logged: string[] = [];
    expect(await runMigrations(dataSource, { logger: { log: (line) => logged.push(line) } })).toEqual([
      'CreateSampleNotes1700000000000',
    ]);
    expect(logged).toEqual([`schema ${schema}: applied migration CreateSampleNotes1700000000000`]);
    expect(await runMigrations(dataSource)).toEqual([]);
    const [row] = await dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'migrations'`,
      [schema],
    );
    expect(row?.count).toBe('1');
  });

  it('maps entities onto snake_case tables and columns in the service schema', async () => {
    const notes = dataSource.getRepository(SampleNoteEntity);
    const saved = await notes.save(notes.create({ title: 'first', viewCount: 3, authorId: null }));
    await dataSource.getRepository(SampleNoteTagEntity).save({ note: saved, label: 'ops' });
    const rows = await dataSource.query<{ title: string; view_count: number }[]>(
      `SELECT title, view_count FROM "${schema}".sample_notes`,
    );
    expect(rows).toEqual([{ title: 'first', view_count: 3 }]);
    const [tag] = await dataSource.query<{ note_id: string }[]>(`SELECT note_id FROM "${schema}".sample_note_tag`);
    expect(tag?.note_id).toBe(saved.id);
  });

  it('finds nothing left to change when entities and migrations agree', async () => {
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('passes assertEntitiesMatchMigrations for matching entities and drops its throwaway schema', async () => {
    const prefix = `drift_ok_${randomBytes(3).toString('hex')}`;
    await expect(
      assertEntitiesMatchMigrations({
        url,
        schemaPrefix: prefix,
        entities: [SampleNoteEntity, SampleNoteTagEntity],
        migrations: [CreateSampleNotes1700000000000],
      }),
    ).resolves.toBeUndefined();
    expect(await schemasStartingWith(prefix)).toEqual([]);
  });

  it('fails assertEntitiesMatchMigrations naming a column the migrations lack', async () => {
    const prefix = `drift_bad_${randomBytes(3).toString('hex')}`;
    const check = assertEntitiesMatchMigrations({
      url,
      schemaPrefix: prefix,
      entities: [SampleNoteWithArchiveEntity],
      migrations: [CreateSampleNotes1700000000000],
    });
    await expect(check).rejects.toThrow(/The entities and the migrations differ/);
    await expect(check).rejects.toThrow(
      /ALTER TABLE "drift_bad_\w+"\."sample_notes" ADD "archived_at" TIMESTAMP WITH TIME ZONE;/,
    );
    expect(await schemasStartingWith(prefix)).toEqual([]);
  });

  it('reverts the last migration and returns its name', async () => {
    expect(await revertLastMigration(dataSource)).toBe('CreateSampleNotes1700000000000');
    const [row] = await dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'sample_notes'`,
      [schema],
    );
    expect(row?.count).toBe('0');
    expect(await revertLastMigration(dataSource)).toBeUndefined();
  });
});
