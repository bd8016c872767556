import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table for the four-eyes proposals of every context (read model of the proposal streams,
 * old and new). The two tables it replaces are dropped: read models are rebuilt from the events,
 * and the `ledger.proposals` projection starts from the first event, so it fills this one with
 * every proposal ever recorded.
 */
export class CreateLedgerProposals1765000000000 implements MigrationInterface {
  name = 'CreateLedgerProposals1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_proposals (
        proposal_id text PRIMARY KEY,
        stream_id text NOT NULL,
        context text NOT NULL,
        action text NOT NULL,
        subjects jsonb NOT NULL,
        command jsonb NOT NULL,
        currency text NOT NULL,
        reserved numeric NOT NULL,
        reservations jsonb NOT NULL,
        threshold numeric,
        proposed_by text NOT NULL,
        proposed_by_role text NOT NULL,
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
      `CREATE INDEX ledger_proposals_due ON ledger_proposals (expires_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX ledger_proposals_list ON ledger_proposals (context, status, position)`);
    await queryRunner.query(
      `CREATE INDEX ledger_proposals_subjects ON ledger_proposals USING gin (subjects jsonb_path_ops)`,
    );
    await queryRunner.query('DROP TABLE IF EXISTS cofinancing_proposals');
    await queryRunner.query('DROP TABLE IF EXISTS guarantees_proposals');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The two tables come back empty; rebuild their projections from the log.
    await queryRunner.query('DROP TABLE ledger_proposals');
  }
}
