import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { FundRow } from '../projections/read-model.entities';
import { fundBalancesView } from './get-fund.handler';
import type { FundBalancesView } from './get-fund.query';
import { ListFundsQuery } from './list-funds.query';
import { reservedByFund } from './proposal-reservations';

@QueryHandler(ListFundsQuery)
export class ListFundsHandler implements IQueryHandler<ListFundsQuery> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute(): Promise<{ items: FundBalancesView[] }> {
    const rows = await this.runtime.dataSource
      .getRepository(FundRow)
      .find({ order: { createdOn: 'ASC', fundId: 'ASC' } });
    const reserved = await reservedByFund(this.runtime.dataSource);
    return { items: rows.map((row) => fundBalancesView(row, reserved.get(row.fundId) ?? '0')) };
  }
}
