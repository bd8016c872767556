import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ledger/event-store';
import { FourEyes } from '@ledger/four-eyes';
import { EVENT_STORE } from '@ledger/platform';
import { guaranteeModel, RepaymentNotFound, requireGuarantee, streamIds } from '../../domain';
import { reverseRepaymentAction } from '../four-eyes/reverse-repayment.action';
import { ReverseRepaymentCommand } from './reverse-repayment.command';

/**
 * A correction: reverses a repayment recorded by mistake, naming it (found here in the guarantee's
 * stream, with its amount and date). The right repayment is then recorded on the right loan. Under
 * the company's policy it is only proposed (202): see `reverseRepaymentAction`.
 */
@CommandHandler(ReverseRepaymentCommand)
export class ReverseRepaymentHandler implements ICommandHandler<ReverseRepaymentCommand> {
  constructor(
    private readonly fourEyes: FourEyes,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ command: { guaranteeId, repaymentEventId, ...input }, context }: ReverseRepaymentCommand) {
    const events = (await this.store.readStream(streamIds.guarantee(guaranteeId))).map((recorded) => ({
      recorded,
      event: guaranteeModel.catalog.decode(recorded),
    }));
    requireGuarantee(
      guaranteeId,
      events.map((e) => e.event).reduce(guaranteeModel.evolve, guaranteeModel.initialState()),
    );
    const found = events.find((e) => e.recorded.id === repaymentEventId);
    if (found?.event.type !== 'guarantees.LoanRepaymentRecorded')
      throw new RepaymentNotFound(guaranteeId, repaymentEventId);
    const { amount, repaidOn } = found.event;
    const corrects = { eventId: repaymentEventId, position: found.recorded.position.toString(), amount, repaidOn };
    return this.fourEyes.run(
      reverseRepaymentAction,
      { guaranteeId, ...input, corrects },
      { context, on: input.correctedOn },
    );
  }
}
