import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FundNotFound } from '../../domain';
import { FundRow } from '../projections/read-model.entities';
import { GetFundQuery, type FundBalancesView } from './get-fund.query';
import { reservedByFund } from './proposal-reservations';
import { moneyOf } from './read-model-json';

@QueryHandler(GetFundQuery)
export class GetFundHandler implements IQueryHandler<GetFundQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ fundId }: GetFundQuery): Promise<FundBalancesView> {
    const row = await this.data.getRepository(FundRow).findOneBy({ fundId });
    if (!row) throw new FundNotFound(fundId);
    const reserved = await reservedByFund(this.data, fundId);
    return fundBalancesView(row, reserved.get(fundId) ?? '0');
  }
}

/** The live balances of one fund row (also used by the fund list), and what pending approvals reserve. */
export function fundBalancesView(row: FundRow, reservedMinor: string): FundBalancesView {
  const [contributed, committed, disbursed] = [BigInt(row.contributed), BigInt(row.committed), BigInt(row.disbursed)];
  return {
    fundId: row.fundId,
    name: row.name,
    currency: row.currency,
    createdOn: row.createdOn,
    contributed: moneyOf(row.contributed, row.currency),
    committed: moneyOf(row.committed, row.currency),
    disbursed: moneyOf(row.disbursed, row.currency),
    available: moneyOf((contributed - committed).toString(), row.currency),
    outstandingCommitments: moneyOf((committed - disbursed).toString(), row.currency),
    releasedAtClosure: moneyOf(row.released, row.currency),
    grantsApproved: row.grantsApproved,
    reserved: moneyOf(reservedMinor, row.currency),
  };
}
