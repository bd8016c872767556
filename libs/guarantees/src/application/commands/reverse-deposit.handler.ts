import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, positionOf, withEvents, type EventOf } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import {
  companyModel,
  DepositNotFound,
  GuaranteeFundDepositReversed,
  requireCompany,
  reverseDeposit,
  streamIds,
} from '../../domain';
import { moneyView } from './command-support';
import { ReverseDepositCommand, type DepositReversalReceipt } from './reverse-deposit.command';

/**
 * A correction: reverses a guarantee fund deposit booked by mistake and, when the right company
 * is named, books it there — both companies in one atomic multi-stream append. The reversal names
 * the GuaranteeFundDeposited event it corrects (payload; its id is the causation id) and carries
 * that deposit's business time, so every convention's capacity and headroom follow as of that date.
 */
@CommandHandler(ReverseDepositCommand)
export class ReverseDepositHandler implements ICommandHandler<ReverseDepositCommand> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ companyId, input, context }: ReverseDepositCommand): Promise<DepositReversalReceipt> {
    const repository = this.runtime.repository;
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
      const decision = reverseDeposit(companyId, { ...input, corrects }, company.state, target?.state ?? null);
      const reversed = decision.company[0] as EventOf<typeof GuaranteeFundDepositReversed>;
      const results = await repository.save(
        withEvents([
          { stream: company, model: companyModel, events: decision.company },
          ...(target ? [{ stream: target, model: companyModel, events: decision.target }] : []),
        ]),
        { ...context, causationId: corrects.eventId },
        businessTime(reversed.depositedOn),
      );
      return { reversed, position: positionOf(results) };
    });
    await this.runtime.committed(outcome.position);
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
