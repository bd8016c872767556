import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { RepaymentNotFound, requireGuarantee, reverseRepayment, streamIds, guaranteeModel } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteeStreamWriter } from './guarantee-stream.writer';
import { ReverseRepaymentCommand } from './reverse-repayment.command';

/**
 * A correction: reverses a repayment recorded by mistake (e.g. on the wrong loan); the guarantee's
 * and the convention's outstanding go back up, in one append, with the repayment's business time
 * and its event id as causation id. The right repayment is then recorded on the right loan.
 */
@CommandHandler(ReverseRepaymentCommand)
export class ReverseRepaymentHandler implements ICommandHandler<ReverseRepaymentCommand> {
  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly guarantees: GuaranteeStreamWriter,
  ) {}

  async execute({ guaranteeId, input, context }: ReverseRepaymentCommand): Promise<GuaranteeReceipt> {
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
    const corrects = {
      eventId: original.id,
      position: original.position.toString(),
      amount: repayment.amount,
      repaidOn: repayment.repaidOn,
    };
    return this.guarantees.run(
      guaranteeId,
      (guarantee) =>
        reverseRepayment({ guaranteeId, reason: input.reason, correctedOn: input.correctedOn, corrects }, guarantee),
      { ...context, causationId: original.id },
      repayment.repaidOn,
    );
  }
}
