import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { utcDay } from '@ledger/event-sourcing';
import { FundNotFound } from '../../domain';
import { CofinancingBalancesAsOf } from '../as-of/cofinancing-balances-as-of.service';
import { FundRow } from '../projections/read-model.entities';
import {
  GetFundBalanceHistoryQuery,
  monthEndsBetween,
  type FundBalanceHistoryView,
} from './get-fund-balance-history.query';

@QueryHandler(GetFundBalanceHistoryQuery)
export class GetFundBalanceHistoryHandler implements IQueryHandler<GetFundBalanceHistoryQuery> {
  constructor(
    private readonly data: DataSource,
    private readonly asOf: CofinancingBalancesAsOf,
  ) {}

  async execute({ fundId, from, to }: GetFundBalanceHistoryQuery): Promise<FundBalanceHistoryView> {
    const fund = await this.data.getRepository(FundRow).findOneBy({ fundId });
    if (!fund) throw new FundNotFound(fundId);
    const start = from ?? fund.createdOn;
    const end = to ?? utcDay(new Date());
    const dates = start <= end ? monthEndsBetween(start, end) : [];
    const points = [];
    for (const date of dates) {
      const view = await this.asOf.fund(fundId, { asOf: date, knownAt: null });
      points.push({
        asOf: date,
        contributed: view.contributed,
        committed: view.committed,
        disbursed: view.disbursed,
        available: view.available,
      });
    }
    return { fundId, currency: fund.currency, from: start, to: end, points };
  }
}
