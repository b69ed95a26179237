import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, refresh sessions and API keys. Constraint and index names are PostgreSQL's defaults, which the
 * SnakeNamingStrategy reproduces; checks are named explicitly and match the entities.
 */
export class CreateIdentityTables1764115200000 implements MigrationInterface {
  name = 'CreateIdentityTables1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        display_name varchar(200) NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_username_check CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        CONSTRAINT users_roles_check
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['viewer', 'responder', 'admin', 'auditor']::text[])
      )`);
    // User names are compared case-insensitively; this index is also what login looks users up by.
    await queryRunner.query(`CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username))`);

    await queryRunner.query(`
      CREATE TABLE refresh_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(32),
        replaced_by uuid,
        CONSTRAINT refresh_sessions_pkey PRIMARY KEY (id),
        CONSTRAINT refresh_sessions_token_hash_key UNIQUE (token_hash),
        CONSTRAINT refresh_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT refresh_sessions_revocation_check CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
        CONSTRAINT refresh_sessions_revoked_reason_check
          CHECK (revoked_reason IN ('rotated', 'logout', 'reuse_detected', 'user_disabled', 'password_changed')),
        CONSTRAINT refresh_sessions_expiry_check CHECK (expires_at > created_at)
      )`);
    await queryRunner.query(`CREATE INDEX refresh_sessions_family_id_idx ON refresh_sessions (family_id)`);
    await queryRunner.query(`CREATE INDEX refresh_sessions_user_id_idx ON refresh_sessions (user_id)`);
    // For the cleanup of expired sessions.
    await queryRunner.query(`CREATE INDEX refresh_sessions_expires_at_idx ON refresh_sessions (expires_at)`);

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id varchar(12) NOT NULL,
        name varchar(100) NOT NULL,
        role varchar(16) NOT NULL,
        scopes text[] NOT NULL,
        secret_hash text NOT NULL,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT api_keys_pkey PRIMARY KEY (id),
        CONSTRAINT api_keys_id_check CHECK (id ~ '^[a-z0-9]{12}$'),
        CONSTRAINT api_keys_role_check CHECK (role IN ('viewer', 'responder', 'admin', 'auditor')),
        CONSTRAINT api_keys_scopes_check CHECK (
          cardinality(scopes) > 0
          AND scopes <@ ARRAY['graphql:read', 'graphql:write', 'metrics:write', 'metrics:read', 'alerts:write']::text[]
        ),
        CONSTRAINT api_keys_expiry_check CHECK (expires_at IS NULL OR expires_at > created_at)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE refresh_sessions`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
