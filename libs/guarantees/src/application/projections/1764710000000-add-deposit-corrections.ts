import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A deposit's reversal, if any: when, why, by which event, and where it was booked instead. */
export class AddDepositCorrections1764710000000 implements MigrationInterface {
  name = 'AddDepositCorrections1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE guarantee_fund_deposits
        ADD COLUMN position bigint, ADD COLUMN reversed_on text, ADD COLUMN reversal_reason text,
        ADD COLUMN reversal_position bigint, ADD COLUMN moved_to_company_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE guarantee_fund_deposits
        DROP COLUMN position, DROP COLUMN reversed_on, DROP COLUMN reversal_reason,
        DROP COLUMN reversal_position, DROP COLUMN moved_to_company_id`);
  }
}
