import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf, withEvents } from '@ledger/event-sourcing';
import { Clock, LedgerRuntime } from '@ledger/platform';
import {
  bankLoanModel,
  companyModel,
  conventionModel,
  guaranteeModel,
  issuanceThreshold,
  issueGuarantee,
  proposalModel,
  proposeIssuance,
  requireCompany,
  requireConvention,
  streamIds,
} from '../../domain';
import { moneyView } from './command-support';
import {
  IssueGuaranteeCommand,
  type GuaranteeIssuance,
  type GuaranteeIssuanceProposed,
} from './issue-guarantee.command';

/**
 * Issues a guarantee in one atomic append to four streams — the guarantee, the convention (its
 * outstanding), the company (fund balance and member standing the decision read) and the bank
 * loan (one guarantee per loan). Each is written at the revision it was read at, so a concurrent
 * issuance, claim payment, withdrawal or call makes this append fail and the whole decision is
 * taken again on fresh state: the outstanding never exceeds the capacity at issuance.
 *
 * Four-eyes: when the company's policy requires a second officer for this guaranteed amount,
 * nothing is issued; a proposal is recorded instead, with the exposure reserved on the convention,
 * the company's side and the loan locked, in the same kind of atomic append (so concurrent
 * proposals cannot together over-reserve), and the answer says so (202 at the HTTP layer).
 */
@CommandHandler(IssueGuaranteeCommand)
export class IssueGuaranteeHandler implements ICommandHandler<IssueGuaranteeCommand> {
  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly clock: Clock,
  ) {}

  async execute({ input, context }: IssueGuaranteeCommand): Promise<GuaranteeIssuance | GuaranteeIssuanceProposed> {
    const guaranteeId = newEntityId(context, 'guarantee');
    const proposalId = newEntityId(context, 'guarantee-proposal');
    const repository = this.runtime.repository;
    const outcome = await repository.execute(async () => {
      const convention = await repository.load(streamIds.convention(input.conventionId), conventionModel);
      const signed = requireConvention(input.conventionId, convention.state);
      const [company, guarantee, bankLoan] = await Promise.all([
        repository.load(streamIds.company(signed.companyId), companyModel),
        repository.load(streamIds.guarantee(guaranteeId), guaranteeModel),
        repository.load(streamIds.bankLoan(signed.bankId, input.loanReference), bankLoanModel),
      ]);
      const command = { ...input, guaranteeId };
      const decision = issueGuarantee(command, {
        guarantee: guarantee.state,
        convention: convention.state,
        company: company.state,
        bankLoan: bankLoan.state,
      });
      const registered = requireCompany(signed.companyId, company.state);
      const threshold = issuanceThreshold(registered, decision.guaranteedAmount);
      if (threshold !== null) {
        const proposed = proposeIssuance(
          { proposalId, proposedBy: context.actor, proposedByRole: context.role, proposedAt: this.clock.now() },
          command,
          decision,
          threshold,
          registered,
        );
        const results = await repository.save(
          withEvents([
            {
              stream: await repository.load(streamIds.proposal(proposalId), proposalModel),
              model: proposalModel,
              events: proposed.proposal,
            },
            { stream: convention, model: conventionModel, events: proposed.convention },
            { stream: company, model: companyModel, events: proposed.company },
            { stream: bankLoan, model: bankLoanModel, events: proposed.bankLoan },
          ]),
          context,
          businessTime(input.issuedOn),
        );
        return {
          kind: 'proposed' as const,
          answer: {
            proposalId,
            status: 'pending' as const,
            action: 'issue-guarantee',
            companyId: signed.companyId,
            guaranteeId,
            conventionId: input.conventionId,
            reserved: moneyView(proposed.reserved),
            threshold: moneyView(threshold),
            expiresAt: proposed.expiresAt,
          },
          position: positionOf(results),
        };
      }
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
      return { kind: 'issued' as const, decision, position: positionOf(results) };
    });
    await this.runtime.committed(outcome.position);
    if (outcome.kind === 'proposed') return { ...outcome.answer, position: outcome.position.toString() };
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
