import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints come every N events folded, not at positions divisible by N: KurrentDB's
 * positions are byte offsets (never dense), so `position % N` would almost never be 0 there. On
 * the SQL store positions are 1, 2, 3…, so the count so far equals the position.
 */
export class CountDigestedEvents1766000000001 implements MigrationInterface {
  name = 'CountDigestedEvents1766000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ledger_digest_state ADD COLUMN events bigint NOT NULL DEFAULT 0');
    await queryRunner.query('UPDATE ledger_digest_state SET events = position');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ledger_digest_state DROP COLUMN events');
  }
}
