import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Four-eyes proposals and their deadlines (read model of the proposal streams). */
export class CreateCofinancingProposals1764800000000 implements MigrationInterface {
  name = 'CreateCofinancingProposals1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cofinancing_proposals (
        proposal_id text PRIMARY KEY,
        action text NOT NULL,
        fund_id text NOT NULL,
        grant_id text NOT NULL,
        beneficiary_id text NOT NULL,
        amount numeric NOT NULL,
        currency text NOT NULL,
        threshold numeric NOT NULL,
        approved_on text NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL,
        settled_by text,
        settled_at timestamptz,
        reason text,
        position bigint NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX cofinancing_proposals_due ON cofinancing_proposals (expires_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX cofinancing_proposals_fund ON cofinancing_proposals (fund_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cofinancing_proposals');
  }
}
