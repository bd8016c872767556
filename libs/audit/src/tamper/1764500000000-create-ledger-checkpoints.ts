import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence, part two: the running digest of the whole log, and the signed checkpoints of
 * it. Checkpoints are only ever inserted; the digest state is the checkpointer's working row.
 */
export class CreateLedgerCheckpoints1764500000000 implements MigrationInterface {
  name = 'CreateLedgerCheckpoints1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_digest_state (
        id       integer PRIMARY KEY CHECK (id = 1),
        position bigint  NOT NULL,
        digest   text    NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_checkpoints (
        position      bigint      PRIMARY KEY,
        ledger_digest text        NOT NULL,
        key_id        text        NOT NULL,
        public_key    text        NOT NULL,
        signature     text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger_checkpoints');
    await queryRunner.query('DROP TABLE ledger_digest_state');
  }
}
