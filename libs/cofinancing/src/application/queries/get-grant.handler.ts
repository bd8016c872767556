import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { GrantNotFound } from '../../domain';
import { DisbursementRow, GrantRow } from '../projections/read-model.entities';
import { GetGrantQuery, type GrantDetailView } from './get-grant.query';
import { grantView } from './grant-view';
import { fundingStatuses } from './funding-status';
import { reservedOnGrant } from './proposal-reservations';
import { moneyOf } from './read-model-json';

@QueryHandler(GetGrantQuery)
export class GetGrantHandler implements IQueryHandler<GetGrantQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ grantId }: GetGrantQuery): Promise<GrantDetailView> {
    const row = await this.data.getRepository(GrantRow).findOneBy({ grantId });
    if (!row) throw new GrantNotFound(grantId);
    const disbursements = await this.data
      .getRepository(DisbursementRow)
      .find({ where: { grantId }, order: { position: 'ASC' } });
    return {
      ...grantView(row, (await fundingStatuses(this.data, [row.grantId])).get(row.grantId) ?? null),
      reserved: moneyOf(await reservedOnGrant(this.data, grantId), row.currency),
      computation: row.computation,
      disbursements: disbursements.map((d) => ({
        disbursementId: d.disbursementId,
        invoiceReference: d.invoiceReference,
        invoiceDate: d.invoiceDate,
        invoiceAmount: moneyOf(d.invoiceAmount, d.currency),
        paid: moneyOf(d.paid, d.currency),
        rule: d.rule,
        disbursedOn: d.disbursedOn,
        position: d.position,
        reversal:
          d.reversalPosition === null
            ? null
            : {
                reversedOn: d.reversedOn,
                reason: d.reversalReason,
                position: d.reversalPosition,
                replacedBy: d.replacedBy,
              },
        replaces: d.replaces,
      })),
    };
  }
}
