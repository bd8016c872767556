import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, API keys, denied attempts and the log of changes to users and keys. These are
 * credentials and security records, not ledger facts: they are not events and no projection
 * rebuilds them. Key secrets are never stored, only a salted SHA-256 (see domain/api-key.ts).
 */
export class CreateAccessTables1764400000000 implements MigrationInterface {
  name = 'CreateAccessTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_users (
        user_id text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('admin', 'fund_manager', 'guarantee_officer', 'auditor', 'bank')),
        bank_id text NULL,
        display_name text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        disabled_at timestamptz NULL,
        disabled_by text NULL,
        CONSTRAINT access_users_bank CHECK ((role = 'bank') = (bank_id IS NOT NULL)))`);
    await queryRunner.query(`
      CREATE TABLE access_api_keys (
        key_id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES access_users (user_id),
        label text NULL,
        salt text NOT NULL,
        hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        revoked_at timestamptz NULL,
        revoked_by text NULL)`);
    await queryRunner.query('CREATE INDEX access_api_keys_user ON access_api_keys (user_id)');
    await queryRunner.query(`
      CREATE TABLE access_denials (
        denial_id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        status smallint NOT NULL,
        reason text NOT NULL,
        actor text NULL,
        role text NULL,
        key_id text NULL,
        method text NOT NULL,
        path text NOT NULL,
        ip text NULL)`);
    await queryRunner.query(`
      CREATE TABLE access_changes (
        change_id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_changes');
    await queryRunner.query('DROP TABLE access_denials');
    await queryRunner.query('DROP TABLE access_api_keys');
    await queryRunner.query('DROP TABLE access_users');
  }
}
