import { Injectable } from '@nestjs/common';
import { businessTime, positionOf, withEvents, type CommandContext } from '@ledger/event-sourcing';
import { Money } from '@ledger/money';
import { LedgerRuntime } from '@ledger/platform';
import {
  companyModel,
  conventionModel,
  guaranteeModel,
  requireCompany,
  requireGuarantee,
  streamIds,
  type CompanyState,
  type GuaranteeState,
  type IssuedGuarantee,
  type LifecycleDecision,
} from '../../domain';
import { moneyView } from './command-support';
import type { GuaranteeReceipt } from './guarantee-receipt';

/**
 * Load → decide → append for repayments, calls, claim payments and recoveries: the guarantee,
 * its convention and its company are read, and every stream the decision changes is written in
 * one atomic append at the revision it was read at.
 */
@Injectable()
export class GuaranteeStreamWriter {
  constructor(private readonly runtime: LedgerRuntime) {}

  async run(
    guaranteeId: string,
    decide: (guarantee: GuaranteeState, company: CompanyState) => LifecycleDecision,
    context: CommandContext,
    on: string,
  ): Promise<GuaranteeReceipt> {
    const repository = this.runtime.repository;
    const outcome = await repository.execute(async () => {
      const guarantee = await repository.load(streamIds.guarantee(guaranteeId), guaranteeModel);
      const issued = requireGuarantee(guaranteeId, guarantee.state);
      const [convention, company] = await Promise.all([
        repository.load(streamIds.convention(issued.conventionId), conventionModel),
        repository.load(streamIds.company(issued.companyId), companyModel),
      ]);
      const decision = decide(guarantee.state, company.state);
      const results = await repository.save(
        withEvents([
          { stream: guarantee, model: guaranteeModel, events: decision.guarantee },
          { stream: convention, model: conventionModel, events: decision.convention },
          { stream: company, model: companyModel, events: decision.company },
        ]),
        context,
        businessTime(on),
      );
      return {
        guarantee: decision.guarantee.reduce(guaranteeModel.evolve, guarantee.state) as IssuedGuarantee,
        company: requireCompany(issued.companyId, decision.company.reduce(companyModel.evolve, company.state)),
        position: positionOf(results),
      };
    });
    await this.runtime.committed(outcome.position);
    return receipt(outcome.guarantee, outcome.company.fundBalance, outcome.position);
  }
}

function receipt(guarantee: IssuedGuarantee, fundBalance: Money, position: bigint): GuaranteeReceipt {
  const zero = Money.zero(guarantee.principal.currency);
  const called = guarantee.status === 'called' ? guarantee : null;
  return {
    guaranteeId: guarantee.guaranteeId,
    status: guarantee.status,
    outstandingPrincipal: moneyView(guarantee.status === 'active' ? guarantee.outstandingPrincipal : zero),
    guaranteedOutstanding: moneyView(guarantee.status === 'active' ? guarantee.guaranteedOutstanding : zero),
    claim: called ? moneyView(called.claim) : null,
    claimPaid: called ? moneyView(called.claimPaid) : null,
    recovered: called ? moneyView(called.recovered) : null,
    fundBalance: moneyView(fundBalance),
    position: position.toString(),
  };
}
