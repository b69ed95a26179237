import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateSampleNotes1700000000000, SampleNoteEntity, SampleNoteTagEntity } from '../testing-fixtures';
import { runMigrationsCli } from './run-migrations-cli';

const url = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';

function capture(): { lines: string[]; errors: string[]; output: { log(m: string): void; error(m: string): void } } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { log: (m) => lines.push(m), error: (m) => errors.push(m) } };
}

describe('runMigrationsCli (PostgreSQL)', () => {
  const schema = `db_cli_${randomBytes(4).toString('hex')}`;
  const dataSourceOptions = {
    schema,
    entities: [SampleNoteEntity, SampleNoteTagEntity],
    migrations: [CreateSampleNotes1700000000000],
  };

  afterAll(async () => {
    const cleanup = new DataSource({ type: 'postgres', url });
    await cleanup.initialize();
    await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await cleanup.destroy();
  });

  it('applies pending migrations, prints their names and exits 0; a second run says up to date', async () => {
    const first = capture();
    const exit = jest.fn();
    await runMigrationsCli({
      service: 'sample',
      dataSourceOptions,
      env: { DATABASE_URL: url },
      exit,
      output: first.output,
    });
    expect(exit).toHaveBeenCalledWith(0);
    expect(first.errors).toEqual([]);
    expect(first.lines).toEqual([
      `[sample] migrate: applied 1 migration(s) to ${url} schema ${schema}:`,
      '  CreateSampleNotes1700000000000',
    ]);

    const second = capture();
    await runMigrationsCli({
      service: 'sample',
      dataSourceOptions,
      env: { DATABASE_URL: url },
      exit,
      output: second.output,
    });
    expect(exit).toHaveBeenLastCalledWith(0);
    expect(second.lines).toEqual([`[sample] migrate: ${url} schema ${schema} is up to date`]);
  });

  it('exits 1 naming DATABASE_URL when it is missing', async () => {
    const out = capture();
    const exit = jest.fn();
    await runMigrationsCli({ service: 'sample', dataSourceOptions, env: {}, exit, output: out.output });
    expect(exit).toHaveBeenCalledWith(1);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(/^\[sample\] migrate: Invalid environment for sample:\n {2}- DATABASE_URL: required/);
  });

  it('exits 1 naming the database (without its password) when a migration fails', async () => {
    const broken = new URL(url);
    broken.username = 'keel_nobody';
    broken.password = 'hunter2';
    const out = capture();
    const exit = jest.fn();
    await runMigrationsCli({
      service: 'sample',
      dataSourceOptions,
      env: { DATABASE_URL: broken.toString() },
      exit,
      output: out.output,
    });
    expect(exit).toHaveBeenCalledWith(1);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(
      /^\[sample\] migrate: failed on postgres:\/\/keel_nobody@.* schema db_cli_\w+: .*keel_nobody/,
    );
    expect(out.errors[0]).not.toContain('hunter2');
  });
});
