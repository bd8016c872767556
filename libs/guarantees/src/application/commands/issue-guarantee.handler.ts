import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import {
  bankLoanModel,
  companyModel,
  conventionModel,
  guaranteeModel,
  issueGuarantee,
  requireConvention,
  streamIds,
} from '../../domain';
import { moneyView } from './command-support';
import { IssueGuaranteeCommand, type GuaranteeIssuance } from './issue-guarantee.command';

/**
 * Issues a guarantee in one atomic append to four streams — the guarantee, the convention (its
 * outstanding), the company (fund balance and member standing the decision read) and the bank
 * loan (one guarantee per loan). Each is written at the revision it was read at, so a concurrent
 * issuance, claim payment, withdrawal or call makes this append fail and the whole decision is
 * taken again on fresh state: the outstanding never exceeds the capacity at issuance.
 */
@CommandHandler(IssueGuaranteeCommand)
export class IssueGuaranteeHandler implements ICommandHandler<IssueGuaranteeCommand> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ input, context }: IssueGuaranteeCommand): Promise<GuaranteeIssuance> {
    const guaranteeId = newEntityId(context, 'guarantee');
    const repository = this.runtime.repository;
    const outcome = await repository.execute(async () => {
      const convention = await repository.load(streamIds.convention(input.conventionId), conventionModel);
      const signed = requireConvention(input.conventionId, convention.state);
      const [company, guarantee, bankLoan] = await Promise.all([
        repository.load(streamIds.company(signed.companyId), companyModel),
        repository.load(streamIds.guarantee(guaranteeId), guaranteeModel),
        repository.load(streamIds.bankLoan(signed.bankId, input.loanReference), bankLoanModel),
      ]);
      const decision = issueGuarantee(
        { ...input, guaranteeId },
        { guarantee: guarantee.state, convention: convention.state, company: company.state, bankLoan: bankLoan.state },
      );
      const results = await repository.save(
        [
          { stream: guarantee, model: guaranteeModel, events: decision.guarantee },
          { stream: convention, model: conventionModel, events: decision.convention },
          { stream: company, model: companyModel, events: decision.company },
          { stream: bankLoan, model: bankLoanModel, events: decision.bankLoan },
        ],
        context,
        businessTime(input.issuedOn),
      );
      return { decision, position: positionOf(results) };
    });
    await this.runtime.committed(outcome.position);
    const { decision } = outcome;
    return {
      guaranteeId,
      conventionId: input.conventionId,
      guaranteedAmount: moneyView(decision.guaranteedAmount),
      exposure: moneyView(decision.exposure),
      capacity: moneyView(decision.before.capacity),
      outstanding: moneyView(decision.before.outstanding.plus(decision.exposure)),
      headroom: moneyView(decision.headroomAfter),
      position: outcome.position.toString(),
    };
  }
}
