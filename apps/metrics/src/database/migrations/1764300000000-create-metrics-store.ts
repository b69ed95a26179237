import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time-series store. `series` holds one row per distinct label set (the metric name apart, `__name__`
 * excluded from `labels`); `samples` is partitioned by day on `t` (milliseconds since the epoch, Prometheus'
 * own unit) and has no default partition: the partition manager creates the daily partitions, so a new one
 * never has to scan a default partition. The primary key of each partition, (series_id, t), is what makes a
 * redelivered sample land once. Names are unqualified: the service schema is first on the search_path.
 */
export class CreateMetricsStore1764300000000 implements MigrationInterface {
  name = 'CreateMetricsStore1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE series (
        id bigserial NOT NULL,
        name text NOT NULL,
        labels jsonb NOT NULL,
        fingerprint bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT series_pkey PRIMARY KEY (id),
        CONSTRAINT series_fingerprint_key UNIQUE (fingerprint)
      )`);
    await queryRunner.query(`CREATE INDEX series_name_idx ON series (name)`);
    await queryRunner.query(`CREATE INDEX series_labels_idx ON series USING gin (labels)`);
    await queryRunner.query(`
      CREATE TABLE samples (
        series_id bigint NOT NULL,
        t bigint NOT NULL,
        value double precision NOT NULL,
        CONSTRAINT samples_pkey PRIMARY KEY (series_id, t)
      ) PARTITION BY RANGE (t)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE samples`);
    await queryRunner.query(`DROP TABLE series`);
  }
}
