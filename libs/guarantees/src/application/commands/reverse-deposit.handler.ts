import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf, withEvents, type EventOf } from '@ledger/event-sourcing';
import { Clock, LedgerRuntime } from '@ledger/platform';
import {
  companyModel,
  correctionNeedsSecondPerson,
  DepositNotFound,
  GuaranteeFundDepositReversed,
  proposalModel,
  proposeDepositReversal,
  requireCompany,
  reverseDeposit,
  streamIds,
} from '../../domain';
import { moneyView } from './command-support';
import type { ProposalPendingAnswer } from './four-eyes.commands';
import { ReverseDepositCommand, type DepositReversalReceipt } from './reverse-deposit.command';

/**
 * A correction: reverses a guarantee fund deposit booked by mistake and, when the right company
 * is named, books it there — both companies in one atomic multi-stream append. The reversal names
 * the GuaranteeFundDeposited event it corrects (payload; its id is the causation id) and carries
 * that deposit's business time, so every convention's capacity and headroom follow as of that date.
 *
 * Four-eyes: when the company's policy makes corrections need a second officer, the reversal is
 * only proposed: the deposit is locked and its amount held back from the fund (no issuance counts
 * on the capacity it gives meanwhile) until a second officer confirms (202 at the HTTP layer).
 */
@CommandHandler(ReverseDepositCommand)
export class ReverseDepositHandler implements ICommandHandler<ReverseDepositCommand> {
  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly clock: Clock,
  ) {}

  async execute({
    companyId,
    input,
    context,
  }: ReverseDepositCommand): Promise<DepositReversalReceipt | ProposalPendingAnswer> {
    const repository = this.runtime.repository;
    const proposalId = newEntityId(context, 'guarantee-proposal');
    const outcome = await repository.execute(async () => {
      const company = await repository.load(streamIds.company(companyId), companyModel);
      const target = input.moveTo
        ? await repository.load(streamIds.company(input.moveTo.companyId), companyModel)
        : null;
      const recorded = await this.runtime.store.readStream(streamIds.company(companyId));
      const original = recorded.find(
        (event) =>
          event.type === 'guarantees.GuaranteeFundDeposited' &&
          (event.data as { depositId?: string }).depositId === input.depositId,
      );
      if (!original) {
        requireCompany(companyId, company.state);
        throw new DepositNotFound(companyId, input.depositId);
      }
      const corrects = { eventId: original.id, position: original.position.toString() };
      const command = { ...input, corrects };
      const decision = reverseDeposit(companyId, command, company.state, target?.state ?? null);
      const registered = requireCompany(companyId, company.state);
      if (correctionNeedsSecondPerson(registered)) {
        const proposed = proposeDepositReversal(
          { proposalId, proposedBy: context.actor, proposedByRole: context.role, proposedAt: this.clock.now() },
          command,
          decision,
          registered,
        );
        const results = await repository.save(
          withEvents([
            {
              stream: await repository.load(streamIds.proposal(proposalId), proposalModel),
              model: proposalModel,
              events: proposed.proposal,
            },
            { stream: company, model: companyModel, events: proposed.company },
          ]),
          context,
          businessTime(input.correctedOn),
        );
        const answer: ProposalPendingAnswer = {
          proposalId,
          status: 'pending',
          action: 'reverse-deposit',
          companyId,
          reserved: moneyView(proposed.reserved),
          threshold: null,
          expiresAt: proposed.expiresAt,
          position: positionOf(results).toString(),
        };
        return { kind: 'proposed' as const, answer, position: positionOf(results) };
      }
      const reversed = decision.company[0] as EventOf<typeof GuaranteeFundDepositReversed>;
      const results = await repository.save(
        withEvents([
          { stream: company, model: companyModel, events: decision.company },
          ...(target ? [{ stream: target, model: companyModel, events: decision.target }] : []),
        ]),
        { ...context, causationId: corrects.eventId },
        businessTime(reversed.depositedOn),
      );
      return { kind: 'reversed' as const, reversed, position: positionOf(results) };
    });
    await this.runtime.committed(outcome.position);
    if (outcome.kind === 'proposed') return outcome.answer;
    const { reversed } = outcome;
    return {
      companyId,
      depositId: reversed.depositId,
      reversed: moneyView(reversed.amount),
      correctsEventId: reversed.correctsEventId,
      correctsPosition: reversed.correctsPosition,
      fundBalance: moneyView(reversed.fundBalanceAfter),
      movedTo:
        reversed.movedToCompanyId && reversed.movedToDepositId
          ? { companyId: reversed.movedToCompanyId, depositId: reversed.movedToDepositId }
          : null,
      position: outcome.position.toString(),
    };
  }
}
