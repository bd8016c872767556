import type { MigrationInterface, QueryRunner } from 'typeorm';
import { balanceLedgerTablesSql, dropBalanceLedgerTablesSql } from '@ledger/event-sourcing';

/** The mutual guarantee balances as of a date (movements and monthly checkpoints): a projection, rebuilt from the events. */
export class CreateGuaranteeBalancesAsOf1764620000000 implements MigrationInterface {
  name = 'CreateGuaranteeBalancesAsOf1764620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of balanceLedgerTablesSql('guarantee_asof')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropBalanceLedgerTablesSql('guarantee_asof')) await queryRunner.query(sql);
  }
}
