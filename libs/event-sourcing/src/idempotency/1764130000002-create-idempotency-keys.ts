import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1764130000002 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764130000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        actor           text        NOT NULL,
        key             text        NOT NULL,
        request_hash    text        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('pending', 'completed')),
        response_status integer,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        PRIMARY KEY (actor, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
