import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FundNotFound } from '../../domain';
import { ContributionRow, DonorRow, FundRow } from '../projections/read-model.entities';
import { ListDonorsQuery, type DonorView } from './list-donors.query';
import { moneyOf } from './read-model-json';

@QueryHandler(ListDonorsQuery)
export class ListDonorsHandler implements IQueryHandler<ListDonorsQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ fundId }: ListDonorsQuery): Promise<{ items: DonorView[] }> {
    if (!(await this.data.getRepository(FundRow).existsBy({ fundId }))) throw new FundNotFound(fundId);
    const donors = await this.data
      .getRepository(DonorRow)
      .find({ where: { fundId }, order: { registeredOn: 'ASC', donorId: 'ASC' } });
    const contributions = await this.data
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
