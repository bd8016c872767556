import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertNever } from '@ledger/event-sourcing';
import { CofinancingBalancesAsOf } from './cofinancing-balances-as-of.service';
import { CofinancingBalancesAsOfQuery } from './cofinancing-balances-as-of.query';

@QueryHandler(CofinancingBalancesAsOfQuery)
export class CofinancingBalancesAsOfHandler implements IQueryHandler<CofinancingBalancesAsOfQuery> {
  constructor(private readonly balances: CofinancingBalancesAsOf) {}

  execute({ target, at }: CofinancingBalancesAsOfQuery): Promise<unknown> {
    switch (target.kind) {
      case 'fund':
        return this.balances.fund(target.fundId, at);
      case 'windows':
        return this.balances.windows(target.fundId, at);
      case 'donors':
        return this.balances.donors(target.fundId, at);
      case 'beneficiary':
        return this.balances.beneficiary(target.beneficiaryId, at);
      default:
        return assertNever(target);
    }
  }
}
