import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four-eyes proposals for disbursements and corrections: every proposal keeps its whole command
 * (what the second person confirms), approvals keep `approved_on`, corrections have no threshold;
 * lookups by grant for its reserved total. Rows of approvals already recorded get the command
 * their ApprovalProposed event holds, so they equal a rebuild.
 */
export class ExtendCofinancingProposals1764820000000 implements MigrationInterface {
  name = 'ExtendCofinancingProposals1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cofinancing_proposals ALTER COLUMN threshold DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE cofinancing_proposals ALTER COLUMN approved_on DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE cofinancing_proposals ADD COLUMN command jsonb`);
    await queryRunner.query(
      `UPDATE cofinancing_proposals
          SET command = jsonb_build_object('type', 'ApproveGrant', 'grantId', grant_id, 'approvedOn', approved_on)
        WHERE command IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE cofinancing_proposals ALTER COLUMN command SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX cofinancing_proposals_grant ON cofinancing_proposals (grant_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX cofinancing_proposals_grant');
    await queryRunner.query('ALTER TABLE cofinancing_proposals DROP COLUMN command');
    await queryRunner.query(`DELETE FROM cofinancing_proposals WHERE action <> 'approve-grant'`);
    await queryRunner.query('ALTER TABLE cofinancing_proposals ALTER COLUMN approved_on SET NOT NULL');
    await queryRunner.query('ALTER TABLE cofinancing_proposals ALTER COLUMN threshold SET NOT NULL');
  }
}
