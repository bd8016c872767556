import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { FundNotFound } from '../../domain';
import { ContributionRow, DonorRow, FundRow } from '../projections/read-model.entities';
import { ListDonorsQuery, type DonorView } from './list-donors.query';
import { moneyOf } from './read-model-json';

@QueryHandler(ListDonorsQuery)
export class ListDonorsHandler implements IQueryHandler<ListDonorsQuery> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ fundId }: ListDonorsQuery): Promise<{ items: DonorView[] }> {
    const data = this.runtime.dataSource;
    if (!(await data.getRepository(FundRow).existsBy({ fundId }))) throw new FundNotFound(fundId);
    const donors = await data
      .getRepository(DonorRow)
      .find({ where: { fundId }, order: { registeredOn: 'ASC', donorId: 'ASC' } });
    const contributions = await data
      .getRepository(ContributionRow)
      .find({ where: { fundId }, order: { position: 'ASC' } });
    return {
      items: donors.map((d) => ({
        donorId: d.donorId,
        name: d.name,
        registeredOn: d.registeredOn,
        contributed: moneyOf(d.contributed, d.currency),
        contributions: contributions
          .filter((c) => c.donorId === d.donorId)
          .map((c) => ({
            contributionId: c.contributionId,
            amount: moneyOf(c.amount, c.currency),
            receivedOn: c.receivedOn,
            reference: c.reference,
          })),
      })),
    };
  }
}
