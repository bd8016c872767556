import type { MigrationInterface, QueryRunner } from 'typeorm';

const AMOUNT = 'numeric(38,0) NOT NULL DEFAULT 0';

/** The co-financing read models; all of them are projections, dropped and rebuilt from the events. */
export class CreateCofinancingReadModels1764200000000 implements MigrationInterface {
  name = 'CreateCofinancingReadModels1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cofinancing_funds (
        fund_id text PRIMARY KEY, name text NOT NULL, currency text NOT NULL, created_on text NOT NULL,
        contributed ${AMOUNT}, committed ${AMOUNT}, disbursed ${AMOUNT}, released ${AMOUNT},
        grants_approved integer NOT NULL DEFAULT 0)`);
    await queryRunner.query(`
      CREATE TABLE cofinancing_donors (
        fund_id text NOT NULL, donor_id text NOT NULL, name text NOT NULL, registered_on text NOT NULL,
        currency text NOT NULL, contributed ${AMOUNT}, contributions integer NOT NULL DEFAULT 0,
        PRIMARY KEY (fund_id, donor_id))`);
    await queryRunner.query(`
      CREATE TABLE cofinancing_contributions (
        contribution_id text PRIMARY KEY, fund_id text NOT NULL, donor_id text NOT NULL, amount ${AMOUNT},
        currency text NOT NULL, received_on text NOT NULL, reference text NOT NULL, position bigint NOT NULL)`);
    await queryRunner.query(
      'CREATE INDEX cofinancing_contributions_fund ON cofinancing_contributions (fund_id, position)',
    );
    await queryRunner.query(`
      CREATE TABLE cofinancing_windows (
        window_id text PRIMARY KEY, fund_id text NOT NULL, name text NOT NULL, support_kind text NOT NULL,
        opened_on text NOT NULL, currency text NOT NULL, current_version integer NOT NULL,
        committed ${AMOUNT}, disbursed ${AMOUNT}, released ${AMOUNT}, grants_approved integer NOT NULL DEFAULT 0)`);
    await queryRunner.query('CREATE INDEX cofinancing_windows_fund ON cofinancing_windows (fund_id)');
    await queryRunner.query(`
      CREATE TABLE cofinancing_window_schedules (
        window_id text NOT NULL, version integer NOT NULL, effective_from text NOT NULL, recorded_on text NOT NULL,
        years jsonb NOT NULL, after_last_year jsonb NOT NULL, PRIMARY KEY (window_id, version))`);
    await queryRunner.query(`
      CREATE TABLE cofinancing_beneficiaries (
        beneficiary_id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL, enrolled_on text NOT NULL,
        member_firms integer NOT NULL DEFAULT 0, women_owned_firms integer NOT NULL DEFAULT 0,
        women_owned_recorded integer NOT NULL DEFAULT 0)`);
    await queryRunner.query(`
      CREATE TABLE cofinancing_member_firms (
        beneficiary_id text NOT NULL, firm_id text NOT NULL, name text NOT NULL, women_owned boolean,
        joined_on text NOT NULL, PRIMARY KEY (beneficiary_id, firm_id))`);
    await queryRunner.query(`
      CREATE TABLE cofinancing_beneficiary_years (
        beneficiary_id text NOT NULL, window_id text NOT NULL, participation_year integer NOT NULL,
        fund_id text NOT NULL, currency text NOT NULL, grants_approved integer NOT NULL DEFAULT 0,
        eligible_cost ${AMOUNT}, subsidy ${AMOUNT}, own_share ${AMOUNT}, invoiced ${AMOUNT}, disbursed ${AMOUNT},
        released ${AMOUNT}, PRIMARY KEY (beneficiary_id, window_id, participation_year))`);
    await queryRunner.query(`
      CREATE TABLE cofinancing_grants (
        grant_id text PRIMARY KEY, fund_id text NOT NULL, window_id text NOT NULL, beneficiary_id text NOT NULL,
        status text NOT NULL, participation_year integer NOT NULL, service_provider text NOT NULL,
        description text NOT NULL, currency text NOT NULL, eligible_cost ${AMOUNT}, requested_on text NOT NULL,
        subsidy numeric(38,0), own_share numeric(38,0), rate_bp integer, schedule_version integer, computation jsonb,
        approved_on text, rejected_on text, closed_on text, cancelled_on text, reason text,
        invoiced ${AMOUNT}, disbursed ${AMOUNT}, released ${AMOUNT},
        requested_position bigint NOT NULL, last_position bigint NOT NULL)`);
    for (const column of ['fund_id', 'window_id', 'beneficiary_id', 'status']) {
      await queryRunner.query(
        `CREATE INDEX cofinancing_grants_${column} ON cofinancing_grants (${column}, requested_position)`,
      );
    }
    await queryRunner.query(`
      CREATE TABLE cofinancing_disbursements (
        disbursement_id text PRIMARY KEY, grant_id text NOT NULL, invoice_reference text NOT NULL,
        invoice_date text NOT NULL, invoice_amount ${AMOUNT}, paid ${AMOUNT}, currency text NOT NULL,
        rule text NOT NULL, disbursed_on text NOT NULL, position bigint NOT NULL)`);
    await queryRunner.query(
      'CREATE INDEX cofinancing_disbursements_grant ON cofinancing_disbursements (grant_id, position)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'cofinancing_disbursements',
      'cofinancing_grants',
      'cofinancing_beneficiary_years',
      'cofinancing_member_firms',
      'cofinancing_beneficiaries',
      'cofinancing_window_schedules',
      'cofinancing_windows',
      'cofinancing_contributions',
      'cofinancing_donors',
      'cofinancing_funds',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
