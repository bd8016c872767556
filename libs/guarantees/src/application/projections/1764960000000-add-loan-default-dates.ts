import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a bank sees of a defaulted loan: the dates of the last claim payment and of the last
 * recovery (the amounts were already there).
 *
 * Loan references are stored normalised (`normalizeLoanReference`). References recorded before
 * the rule could only be ASCII letters, digits and . _ / -, so upper-casing them is the rule
 * applied to them. Two such loans differing only in case (possible before the rule) now share a
 * reference, so the read model's (bank, reference) key becomes a plain index: the bank loan
 * stream, not this table, is what keeps a loan guaranteed once.
 *
 * Rows of loans already called get their dates from a rebuild of `guarantees.read-models`
 * (`ledger projections rebuild --name guarantees.read-models`).
 */
export class AddLoanDefaultDates1764960000000 implements MigrationInterface {
  name = 'AddLoanDefaultDates1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE guarantees ADD COLUMN claim_last_paid_on text, ADD COLUMN last_recovered_on text',
    );
    await queryRunner.query('ALTER TABLE guarantees DROP CONSTRAINT guarantees_bank_loan');
    await queryRunner.query('UPDATE guarantees SET loan_reference = upper(loan_reference)');
    await queryRunner.query('CREATE INDEX guarantees_bank_loan_reference ON guarantees (bank_id, loan_reference)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX guarantees_bank_loan_reference');
    await queryRunner.query(
      'ALTER TABLE guarantees ADD CONSTRAINT guarantees_bank_loan UNIQUE (bank_id, loan_reference)',
    );
    await queryRunner.query('ALTER TABLE guarantees DROP COLUMN claim_last_paid_on, DROP COLUMN last_recovered_on');
  }
}
