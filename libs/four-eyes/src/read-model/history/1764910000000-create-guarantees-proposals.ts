import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Four-eyes proposals of the mutual guarantee context and their deadlines (read model of the proposal streams). */
export class CreateGuaranteesProposals1764910000000 implements MigrationInterface {
  name = 'CreateGuaranteesProposals1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE guarantees_proposals (
        proposal_id text PRIMARY KEY,
        action text NOT NULL,
        company_id text NOT NULL,
        convention_id text,
        guarantee_id text,
        member_id text,
        bank_id text,
        loan_reference text,
        deposit_id text,
        repayment_event_id text,
        currency text NOT NULL,
        reserved numeric NOT NULL,
        reserved_principal numeric NOT NULL,
        reserved_guaranteed numeric NOT NULL,
        reserved_fund numeric NOT NULL,
        threshold numeric,
        command jsonb NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL,
        settled_by text,
        settled_at timestamptz,
        reason text,
        position bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX guarantees_proposals_due ON guarantees_proposals (expires_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX guarantees_proposals_company ON guarantees_proposals (company_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE guarantees_proposals');
  }
}
