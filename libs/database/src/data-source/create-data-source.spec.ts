import { createDataSource } from './create-data-source';
import { describeDatabaseUrl } from './data-source-options';
import { SnakeNamingStrategy } from '../naming/snake-naming.strategy';

const base = { url: 'postgres://keel:pw@db:5432/keel', schema: 'incidents', entities: [], migrations: [] };

describe('createDataSource', () => {
  it('builds a postgres DataSource on the service schema with migrations only', () => {
    const dataSource = createDataSource(base);
    expect(dataSource.isInitialized).toBe(false);
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      url: base.url,
      schema: 'incidents',
      synchronize: false,
      migrationsRun: false,
      dropSchema: false,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      applicationName: 'keel-incidents',
      installExtensions: false,
      logging: false,
      connectTimeoutMS: 5000,
      extra: { max: 10, idleTimeoutMillis: 30000, options: '-c search_path=incidents,public' },
    });
    expect(dataSource.options.namingStrategy).toBeInstanceOf(SnakeNamingStrategy);
  });

  it('passes pool size, application name, migrations table, logging and timeouts through', () => {
    const dataSource = createDataSource({
      ...base,
      poolMax: 3,
      applicationName: 'incidents-worker',
      migrationsTableName: 'schema_migrations',
      logging: ['error'],
      connectTimeoutMs: 800,
      idleTimeoutMs: 1000,
    });
    expect(dataSource.options).toMatchObject({
      applicationName: 'incidents-worker',
      migrationsTableName: 'schema_migrations',
      logging: ['error'],
      connectTimeoutMS: 800,
      extra: { max: 3, idleTimeoutMillis: 1000 },
    });
  });

  it('offers no way to turn synchronize or migrationsRun on', () => {
    const sneaky = { ...base, synchronize: true, migrationsRun: true } as typeof base;
    expect(createDataSource(sneaky).options).toMatchObject({ synchronize: false, migrationsRun: false });
  });

  it.each([['Incidents'], ['incidents; DROP SCHEMA public'], ['1incidents'], ['']])(
    'refuses the schema name %j',
    (schema) => {
      expect(() => createDataSource({ ...base, schema })).toThrow(`Invalid schema name "${schema}"`);
    },
  );

  it('refuses a bad migrations table name and pool size', () => {
    expect(() => createDataSource({ ...base, migrationsTableName: 'x"y' })).toThrow(
      'Invalid migrations table name "x"y"',
    );
    expect(() => createDataSource({ ...base, poolMax: 0 })).toThrow('Invalid poolMax 0');
  });
});

describe('describeDatabaseUrl', () => {
  it('drops the password and keeps the rest', () => {
    expect(describeDatabaseUrl('postgres://keel:s3cret@db.internal:6432/keel?sslmode=require')).toBe(
      'postgres://keel@db.internal:6432/keel?sslmode=require',
    );
  });

  it('does not echo an unparseable URL, which may hold a password', () => {
    expect(describeDatabaseUrl('keel:s3cret@nowhere')).toBe('<unparseable database URL>');
  });
});
