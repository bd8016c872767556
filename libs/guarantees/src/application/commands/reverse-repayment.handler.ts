import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf, withEvents } from '@ledger/event-sourcing';
import { Clock, LedgerRuntime } from '@ledger/platform';
import {
  companyModel,
  conventionModel,
  correctionNeedsSecondPerson,
  guaranteeModel,
  proposalModel,
  proposeRepaymentReversal,
  RepaymentNotFound,
  requireCompany,
  requireConvention,
  requireGuarantee,
  reverseRepayment,
  streamIds,
  type ReverseRepayment,
} from '../../domain';
import { moneyView } from './command-support';
import type { ProposalPendingAnswer } from './four-eyes.commands';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteeStreamWriter } from './guarantee-stream.writer';
import { ReverseRepaymentCommand } from './reverse-repayment.command';

/**
 * A correction: reverses a repayment recorded by mistake (e.g. on the wrong loan); the guarantee's
 * and the convention's outstanding go back up, in one append, with the repayment's business time
 * and its event id as causation id. The right repayment is then recorded on the right loan.
 *
 * Four-eyes: when the company's policy makes corrections need a second officer, the reversal is
 * only proposed: the repayment is locked and the outstanding it would put back is reserved on the
 * convention (no issuance uses that headroom meanwhile) until a second officer confirms.
 */
@CommandHandler(ReverseRepaymentCommand)
export class ReverseRepaymentHandler implements ICommandHandler<ReverseRepaymentCommand> {
  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly guarantees: GuaranteeStreamWriter,
    private readonly clock: Clock,
  ) {}

  async execute({
    guaranteeId,
    input,
    context,
  }: ReverseRepaymentCommand): Promise<GuaranteeReceipt | ProposalPendingAnswer> {
    const streamId = streamIds.guarantee(guaranteeId);
    const loaded = await this.runtime.repository.load(streamId, guaranteeModel);
    requireGuarantee(guaranteeId, loaded.state);
    const recorded = await this.runtime.store.readStream(streamId);
    const original = recorded.find(
      (event) => event.id === input.repaymentEventId && event.type === 'guarantees.LoanRepaymentRecorded',
    );
    if (!original) throw new RepaymentNotFound(guaranteeId, input.repaymentEventId);
    const repayment = guaranteeModel.catalog.decode(original);
    if (repayment.type !== 'guarantees.LoanRepaymentRecorded') throw new RepaymentNotFound(guaranteeId, original.id);
    const command: ReverseRepayment = {
      guaranteeId,
      reason: input.reason,
      correctedOn: input.correctedOn,
      corrects: {
        eventId: original.id,
        position: original.position.toString(),
        amount: repayment.amount,
        repaidOn: repayment.repaidOn,
      },
    };
    const proposed = await this.proposeIfRequired(command, context);
    if (proposed !== null) return proposed;
    return this.guarantees.run(
      guaranteeId,
      (guarantee) => reverseRepayment(command, guarantee),
      { ...context, causationId: original.id },
      repayment.repaidOn,
    );
  }

  /** The proposal when the company's policy needs a second officer for corrections; null otherwise. */
  private async proposeIfRequired(
    command: ReverseRepayment,
    context: ReverseRepaymentCommand['context'],
  ): Promise<ProposalPendingAnswer | null> {
    const repository = this.runtime.repository;
    const proposalId = newEntityId(context, 'guarantee-proposal');
    const outcome = await repository.execute(async () => {
      const guarantee = await repository.load(streamIds.guarantee(command.guaranteeId), guaranteeModel);
      const issued = requireGuarantee(command.guaranteeId, guarantee.state);
      const [convention, company] = await Promise.all([
        repository.load(streamIds.convention(issued.conventionId), conventionModel),
        repository.load(streamIds.company(issued.companyId), companyModel),
      ]);
      const registered = requireCompany(issued.companyId, company.state);
      if (!correctionNeedsSecondPerson(registered)) return null;
      const decision = reverseRepayment(command, guarantee.state);
      const proposed = proposeRepaymentReversal(
        { proposalId, proposedBy: context.actor, proposedByRole: context.role, proposedAt: this.clock.now() },
        command,
        decision,
        issued,
        requireConvention(issued.conventionId, convention.state),
        registered,
      );
      const results = await repository.save(
        withEvents([
          {
            stream: await repository.load(streamIds.proposal(proposalId), proposalModel),
            model: proposalModel,
            events: proposed.proposal,
          },
          { stream: guarantee, model: guaranteeModel, events: proposed.guarantee },
          { stream: convention, model: conventionModel, events: proposed.convention },
        ]),
        context,
        businessTime(command.correctedOn),
      );
      return { proposed, companyId: registered.companyId, position: positionOf(results) };
    });
    if (outcome === null) return null;
    await this.runtime.committed(outcome.position);
    return {
      proposalId,
      status: 'pending',
      action: 'reverse-repayment',
      companyId: outcome.companyId,
      reserved: moneyView(outcome.proposed.reserved),
      threshold: null,
      expiresAt: outcome.proposed.expiresAt,
      position: outcome.position.toString(),
    };
  }
}
