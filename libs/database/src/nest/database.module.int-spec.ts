import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CreateSampleNotes1700000000000, SampleNoteEntity, SampleNoteTagEntity } from '../testing-fixtures';
import { runMigrations } from '../migrations/run-migrations';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { DatabasePoolMonitor } from './database-pool.monitor';
import { DatabaseModule } from './database.module';

const url = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';

/** Stands for a feature module's repository: it injects the DataSource class. */
@Injectable()
class SampleNoteRepository {
  constructor(readonly dataSource: DataSource) {}

  count(): Promise<number> {
    return this.dataSource.getRepository(SampleNoteEntity).count();
  }
}

@Module({ providers: [SampleNoteRepository], exports: [SampleNoteRepository] })
class SampleNotesModule {}

const CONFIG = Symbol('config');

@Module({ providers: [{ provide: CONFIG, useValue: { schema: '' } }], exports: [CONFIG] })
class FakeConfigModule {}

function appModule(schema: string, databaseUrl: string): new () => object {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        imports: [FakeConfigModule],
        inject: [CONFIG],
        useFactory: () => ({
          url: databaseUrl,
          schema,
          entities: [SampleNoteEntity, SampleNoteTagEntity],
          migrations: [CreateSampleNotes1700000000000],
        }),
      }),
      SampleNotesModule,
    ],
  })
  class AppModule {}
  return AppModule;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

describe('DatabaseModule (PostgreSQL)', () => {
  const schema = `db_module_${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    const cleanup = new DataSource({ type: 'postgres', url });
    await cleanup.initialize();
    await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await cleanup.destroy();
  });

  it('provides an initialized DataSource to repositories, health and pool monitor, and closes it on shutdown', async () => {
    const app = await NestFactory.createApplicationContext(appModule(schema, url), { logger: false });
    const dataSource = app.get(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    expect(dataSource.options).toMatchObject({ synchronize: false, migrationsRun: false, schema });
    await runMigrations(dataSource);
    expect(await app.get(SampleNoteRepository).count()).toBe(0);
    expect(await app.get(DatabaseHealthIndicator).isHealthy()).toEqual({
      database: { status: 'up', detail: expect.stringMatching(/^SELECT 1 answered in \d+ ms$/) },
    });
    expect(app.get(DatabasePoolMonitor).stats().total).toBeGreaterThan(0);
    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });

  it('refuses to boot when PostgreSQL cannot be reached, naming where without the password', async () => {
    const port = await closedPort();
    const unreachable = `postgres://keel:s3cret@127.0.0.1:${port}/keel`;
    const boot = NestFactory.createApplicationContext(appModule(schema, unreachable), {
      logger: false,
      abortOnError: false,
    });
    await expect(boot).rejects.toThrow(
      `Could not connect to PostgreSQL at postgres://keel@127.0.0.1:${port}/keel (schema ${schema}): connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    await expect(boot).rejects.not.toThrow(/s3cret/);
  });
});
