import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { BeneficiaryNotFound } from '../../domain';
import { BeneficiaryRow, BeneficiaryYearRow, MemberFirmRow } from '../projections/read-model.entities';
import { GetBeneficiaryQuery, type BeneficiaryView } from './get-beneficiary.query';
import { effectiveRate, moneyOf } from './read-model-json';

@QueryHandler(GetBeneficiaryQuery)
export class GetBeneficiaryHandler implements IQueryHandler<GetBeneficiaryQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ beneficiaryId }: GetBeneficiaryQuery): Promise<BeneficiaryView> {
    const row = await this.data.getRepository(BeneficiaryRow).findOneBy({ beneficiaryId });
    if (!row) throw new BeneficiaryNotFound(beneficiaryId);
    const firms = await this.data
      .getRepository(MemberFirmRow)
      .find({ where: { beneficiaryId }, order: { joinedOn: 'ASC', firmId: 'ASC' } });
    const years = await this.data
      .getRepository(BeneficiaryYearRow)
      .find({ where: { beneficiaryId }, order: { participationYear: 'ASC', windowId: 'ASC' } });
    return {
      beneficiaryId: row.beneficiaryId,
      name: row.name,
      kind: row.kind,
      enrolledOn: row.enrolledOn,
      memberFirms: row.memberFirms,
      womenOwnedFirms: row.womenOwnedFirms,
      womenOwnershipRecorded: row.womenOwnedRecorded,
      firms: firms.map((f) => ({ firmId: f.firmId, name: f.name, womenOwned: f.womenOwned, joinedOn: f.joinedOn })),
      years: years.map((y) => {
        const rate = effectiveRate(y.subsidy, y.eligibleCost);
        return {
          participationYear: y.participationYear,
          windowId: y.windowId,
          fundId: y.fundId,
          grantsApproved: y.grantsApproved,
          eligibleCost: moneyOf(y.eligibleCost, y.currency),
          subsidy: moneyOf(y.subsidy, y.currency),
          ownShare: moneyOf(y.ownShare, y.currency),
          effectiveRateBp: rate.bp,
          effectiveRate: rate.ratio,
          invoiced: moneyOf(y.invoiced, y.currency),
          disbursed: moneyOf(y.disbursed, y.currency),
          releasedAtClosure: moneyOf(y.released, y.currency),
        };
      }),
    };
  }
}
