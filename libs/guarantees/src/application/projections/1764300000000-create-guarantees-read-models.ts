import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of the mutual guarantee context; amounts are numeric(38,0) minor units, dates 'YYYY-MM-DD'. */
export class CreateGuaranteesReadModels1764300000000 implements MigrationInterface {
  name = 'CreateGuaranteesReadModels1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE guarantee_federations (
        federation_id  text PRIMARY KEY,
        name           text NOT NULL,
        currency       text NOT NULL,
        registered_on  text NOT NULL,
        companies      integer NOT NULL DEFAULT 0,
        last_position  bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE guarantee_companies (
        company_id             text PRIMARY KEY,
        name                   text NOT NULL,
        currency               text NOT NULL,
        federation_id          text,
        registered_on          text NOT NULL,
        members_active         integer NOT NULL DEFAULT 0,
        members_total          integer NOT NULL DEFAULT 0,
        capital_subscribed     numeric(38,0) NOT NULL DEFAULT 0,
        capital_paid           numeric(38,0) NOT NULL DEFAULT 0,
        fund_deposited         numeric(38,0) NOT NULL DEFAULT 0,
        fund_withdrawn         numeric(38,0) NOT NULL DEFAULT 0,
        claims_paid            numeric(38,0) NOT NULL DEFAULT 0,
        recoveries             numeric(38,0) NOT NULL DEFAULT 0,
        fund_balance           numeric(38,0) NOT NULL DEFAULT 0,
        guarantees_issued      integer NOT NULL DEFAULT 0,
        guarantees_in_force    integer NOT NULL DEFAULT 0,
        credit_mobilised       numeric(38,0) NOT NULL DEFAULT 0,
        guaranteed_issued      numeric(38,0) NOT NULL DEFAULT 0,
        outstanding_principal  numeric(38,0) NOT NULL DEFAULT 0,
        guaranteed_outstanding numeric(38,0) NOT NULL DEFAULT 0,
        calls                  integer NOT NULL DEFAULT 0,
        claims_called          numeric(38,0) NOT NULL DEFAULT 0,
        last_position          bigint NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX guarantee_companies_federation ON guarantee_companies (federation_id)');
    await queryRunner.query(`
      CREATE TABLE guarantee_members (
        company_id          text NOT NULL,
        member_id           text NOT NULL,
        name                text NOT NULL,
        status              text NOT NULL,
        admitted_on         text NOT NULL,
        left_on             text,
        capital_subscribed  numeric(38,0) NOT NULL DEFAULT 0,
        capital_paid        numeric(38,0) NOT NULL DEFAULT 0,
        guarantees_in_force integer NOT NULL DEFAULT 0,
        defaults            integer NOT NULL DEFAULT 0,
        last_position       bigint NOT NULL,
        PRIMARY KEY (company_id, member_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE guarantee_fund_deposits (
        company_id             text NOT NULL,
        deposit_id             text NOT NULL,
        bank_id                text NOT NULL,
        currency               text NOT NULL,
        amount                 numeric(38,0) NOT NULL,
        withdrawn              numeric(38,0) NOT NULL DEFAULT 0,
        term_deposit_reference text NOT NULL,
        deposited_on           text NOT NULL,
        matures_on             text,
        last_position          bigint NOT NULL,
        PRIMARY KEY (company_id, deposit_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE guarantee_conventions (
        convention_id           text PRIMARY KEY,
        company_id              text NOT NULL,
        bank_id                 text NOT NULL,
        currency                text NOT NULL,
        status                  text NOT NULL,
        signed_on               text NOT NULL,
        valid_from              text NOT NULL,
        valid_until             text NOT NULL,
        terminated_on           text,
        terms_version           integer NOT NULL,
        terms_effective_from    text NOT NULL,
        multiplier_numerator    numeric(78,0) NOT NULL,
        multiplier_denominator  numeric(78,0) NOT NULL,
        coverage_rate_bp        integer NOT NULL,
        ceiling_basis           text NOT NULL,
        max_guaranteed_per_loan numeric(38,0),
        fund_balance            numeric(38,0) NOT NULL DEFAULT 0,
        capacity                numeric(38,0) NOT NULL DEFAULT 0,
        outstanding_principal   numeric(38,0) NOT NULL DEFAULT 0,
        guaranteed_outstanding  numeric(38,0) NOT NULL DEFAULT 0,
        outstanding             numeric(38,0) NOT NULL DEFAULT 0,
        headroom                numeric(38,0) NOT NULL DEFAULT 0,
        guarantees_issued       integer NOT NULL DEFAULT 0,
        guarantees_in_force     integer NOT NULL DEFAULT 0,
        credit_mobilised        numeric(38,0) NOT NULL DEFAULT 0,
        calls                   integer NOT NULL DEFAULT 0,
        claims_called           numeric(38,0) NOT NULL DEFAULT 0,
        claims_paid             numeric(38,0) NOT NULL DEFAULT 0,
        recoveries              numeric(38,0) NOT NULL DEFAULT 0,
        last_position           bigint NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX guarantee_conventions_company ON guarantee_conventions (company_id)');
    await queryRunner.query('CREATE INDEX guarantee_conventions_bank ON guarantee_conventions (bank_id)');
    await queryRunner.query(`
      CREATE TABLE guarantees (
        guarantee_id           text PRIMARY KEY,
        company_id             text NOT NULL,
        convention_id          text NOT NULL,
        bank_id                text NOT NULL,
        member_id              text NOT NULL,
        loan_reference         text NOT NULL,
        currency               text NOT NULL,
        status                 text NOT NULL,
        principal              numeric(38,0) NOT NULL,
        coverage_rate_bp       integer NOT NULL,
        guaranteed_amount      numeric(38,0) NOT NULL,
        outstanding_principal  numeric(38,0) NOT NULL,
        guaranteed_outstanding numeric(38,0) NOT NULL,
        terms_version          integer NOT NULL,
        loan_start_date        text NOT NULL,
        maturity_date          text NOT NULL,
        issued_on              text NOT NULL,
        released_on            text,
        called_on              text,
        outstanding_at_default numeric(38,0),
        claim_amount           numeric(38,0),
        claim_paid             numeric(38,0) NOT NULL DEFAULT 0,
        recovered              numeric(38,0) NOT NULL DEFAULT 0,
        last_position          bigint NOT NULL,
        CONSTRAINT guarantees_bank_loan UNIQUE (bank_id, loan_reference)
      )`);
    await queryRunner.query('CREATE INDEX guarantees_convention ON guarantees (convention_id)');
    await queryRunner.query('CREATE INDEX guarantees_company ON guarantees (company_id, member_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'guarantees',
      'guarantee_conventions',
      'guarantee_fund_deposits',
      'guarantee_members',
      'guarantee_companies',
      'guarantee_federations',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
