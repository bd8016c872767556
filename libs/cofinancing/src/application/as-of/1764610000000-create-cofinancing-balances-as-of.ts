import type { MigrationInterface, QueryRunner } from 'typeorm';
import { balanceLedgerTablesSql, dropBalanceLedgerTablesSql } from '@ledger/event-sourcing';

/** The co-financing balances as of a date (movements and monthly checkpoints): a projection, rebuilt from the events. */
export class CreateCofinancingBalancesAsOf1764610000000 implements MigrationInterface {
  name = 'CreateCofinancingBalancesAsOf1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of balanceLedgerTablesSql('cofinancing_asof')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropBalanceLedgerTablesSql('cofinancing_asof')) await queryRunner.query(sql);
  }
}
