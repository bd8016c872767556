import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertNever } from '@ledger/event-sourcing';
import { GuaranteeBalancesAsOf } from './guarantee-balances-as-of.service';
import { GuaranteeBalancesAsOfQuery } from './guarantee-balances-as-of.query';

@QueryHandler(GuaranteeBalancesAsOfQuery)
export class GuaranteeBalancesAsOfHandler implements IQueryHandler<GuaranteeBalancesAsOfQuery> {
  constructor(private readonly balances: GuaranteeBalancesAsOf) {}

  execute({ target, at }: GuaranteeBalancesAsOfQuery): Promise<unknown> {
    switch (target.kind) {
      case 'company':
        return this.balances.company(target.companyId, at);
      case 'convention':
        return this.balances.convention(target.conventionId, at, target.bankId ?? null);
      case 'guarantee':
        return this.balances.guarantee(target.guaranteeId, at);
      case 'federation':
        return this.balances.federation(target.federationId, at);
      default:
        return assertNever(target);
    }
  }
}
