import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A disbursement's reversal, if any: when, why, by which event, and what replaced it. */
export class AddDisbursementCorrections1764700000000 implements MigrationInterface {
  name = 'AddDisbursementCorrections1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cofinancing_disbursements
        ADD COLUMN reversed_on text, ADD COLUMN reversal_reason text, ADD COLUMN reversal_position bigint,
        ADD COLUMN replaced_by text, ADD COLUMN replaces text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cofinancing_disbursements
        DROP COLUMN reversed_on, DROP COLUMN reversal_reason, DROP COLUMN reversal_position,
        DROP COLUMN replaced_by, DROP COLUMN replaces`);
  }
}
