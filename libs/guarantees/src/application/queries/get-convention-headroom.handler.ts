import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteeBalancesAsOf } from '../as-of/guarantee-balances-as-of.service';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetConventionHeadroomQuery, type ConventionHeadroomAsOfView } from './get-convention-headroom.query';

@QueryHandler(GetConventionHeadroomQuery)
export class GetConventionHeadroomHandler implements IQueryHandler<GetConventionHeadroomQuery> {
  constructor(
    private readonly readModel: GuaranteesReadModel,
    private readonly balancesAsOf: GuaranteeBalancesAsOf,
  ) {}

  execute(query: GetConventionHeadroomQuery) {
    if (query.at === null) return this.readModel.conventionHeadroom(query.bankId, query.conventionId);
    return this.asOf(query);
  }

  /** The bank's fields only, as the live answer has them: the bank filter makes another bank's convention 404. */
  private async asOf({ bankId, conventionId, at }: GetConventionHeadroomQuery): Promise<ConventionHeadroomAsOfView> {
    const view = await this.balancesAsOf.convention(conventionId, at ?? undefined, bankId);
    return {
      asOf: view.asOf,
      knownAt: view.knownAt,
      throughPosition: view.throughPosition,
      conventionId: view.conventionId,
      bankId: view.bankId,
      companyId: view.companyId,
      status: view.status,
      openForIssuance: view.openForIssuance,
      validFrom: view.validFrom,
      validUntil: view.validUntil,
      multiplier: view.multiplier,
      ceilingBasis: view.ceilingBasis,
      fundBalance: view.fundBalance,
      capacity: view.capacity,
      outstanding: view.outstanding,
      headroom: view.headroom,
    };
  }
}
