import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alerting service's tables. Tables are unqualified: the service's schema is first on the search_path.
 * Constraint names are PostgreSQL's defaults, which SnakeNamingStrategy reproduces.
 */
export class CreateAlerting1764400000000 implements MigrationInterface {
  name = 'CreateAlerting1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rule groups managed through GraphQL; `source` is the group in rule-file YAML, validated before saving.
    await queryRunner.query(`
      CREATE TABLE managed_rule_groups (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        source text NOT NULL,
        updated_by_id varchar(128) NOT NULL,
        updated_by_name varchar(128) NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT managed_rule_groups_pkey PRIMARY KEY (id),
        CONSTRAINT managed_rule_groups_name_key UNIQUE (name)
      )`);

    // The full state of every active alert (pending, firing, or resolved and still being re-sent), so a restart
    // neither resets a `for` timer nor re-notifies. Written only when something other than the value changes.
    await queryRunner.query(`
      CREATE TABLE alert_states (
        group_key text NOT NULL,
        rule_name varchar(200) NOT NULL,
        fingerprint varchar(16) NOT NULL,
        labels jsonb NOT NULL,
        annotations jsonb NOT NULL,
        state varchar(10) NOT NULL,
        value double precision NOT NULL,
        active_at timestamptz NOT NULL,
        fired_at timestamptz,
        resolved_at timestamptz,
        last_sent_at timestamptz,
        valid_until timestamptz,
        keep_firing_since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alert_states_pkey PRIMARY KEY (group_key, rule_name, fingerprint),
        CONSTRAINT alert_states_state_check CHECK (state IN ('pending', 'firing', 'inactive'))
      )`);

    // Every state change of every alert, queryable by time, rule and alert.
    await queryRunner.query(`
      CREATE TABLE alert_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL,
        group_key text NOT NULL,
        rule_name varchar(200) NOT NULL,
        fingerprint varchar(16) NOT NULL,
        labels jsonb NOT NULL,
        annotations jsonb NOT NULL,
        from_state varchar(10) NOT NULL,
        to_state varchar(10) NOT NULL,
        value double precision,
        CONSTRAINT alert_history_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX alert_history_occurred_at_idx ON alert_history (occurred_at)`);
    await queryRunner.query(`CREATE INDEX alert_history_fingerprint_idx ON alert_history (fingerprint, occurred_at)`);
    await queryRunner.query(`CREATE INDEX alert_history_rule_name_idx ON alert_history (rule_name, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE silences (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        matchers jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_by varchar(128) NOT NULL,
        comment text NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT silences_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX silences_ends_at_idx ON silences (ends_at)`);

    // Alertmanager's notification log: what was last sent for a group to a receiver (deduplication, repeat).
    await queryRunner.query(`
      CREATE TABLE notification_log (
        group_key text NOT NULL,
        receiver varchar(200) NOT NULL,
        firing_alerts text[] NOT NULL,
        resolved_alerts text[] NOT NULL,
        sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT notification_log_pkey PRIMARY KEY (group_key, receiver)
      )`);

    // Every delivery: receiver, integration, outcome, attempts; the SRE's answer to "did the page go out?".
    await queryRunner.query(`
      CREATE TABLE notification_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY,
        sent_at timestamptz NOT NULL,
        group_key text NOT NULL,
        receiver varchar(200) NOT NULL,
        integration varchar(40) NOT NULL,
        status varchar(10) NOT NULL,
        attempts integer NOT NULL,
        firing_count integer NOT NULL,
        resolved_count integer NOT NULL,
        duration_ms integer NOT NULL,
        error text,
        CONSTRAINT notification_deliveries_pkey PRIMARY KEY (id),
        CONSTRAINT notification_deliveries_status_check CHECK (status IN ('sent', 'failed'))
      )`);
    await queryRunner.query(`CREATE INDEX notification_deliveries_sent_at_idx ON notification_deliveries (sent_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_deliveries',
      'notification_log',
      'silences',
      'alert_history',
      'alert_states',
      'managed_rule_groups',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
