import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FundRow } from '../projections/read-model.entities';
import { fundBalancesView } from './get-fund.handler';
import type { FundBalancesView } from './get-fund.query';
import { ListFundsQuery } from './list-funds.query';
import { reservedByFund } from './proposal-reservations';

@QueryHandler(ListFundsQuery)
export class ListFundsHandler implements IQueryHandler<ListFundsQuery> {
  constructor(private readonly data: DataSource) {}

  async execute(): Promise<{ items: FundBalancesView[] }> {
    const rows = await this.data.getRepository(FundRow).find({ order: { createdOn: 'ASC', fundId: 'ASC' } });
    const reserved = await reservedByFund(this.data);
    return { items: rows.map((row) => fundBalancesView(row, reserved.get(row.fundId) ?? '0')) };
  }
}
