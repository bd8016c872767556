import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordRepayment } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteeStreamWriter } from './guarantee-stream.writer';
import { RecordRepaymentCommand } from './record-repayment.command';

@CommandHandler(RecordRepaymentCommand)
export class RecordRepaymentHandler implements ICommandHandler<RecordRepaymentCommand> {
  constructor(private readonly guarantees: GuaranteeStreamWriter) {}

  execute({ guaranteeId, input, context }: RecordRepaymentCommand): Promise<GuaranteeReceipt> {
    return this.guarantees.run(
      guaranteeId,
      (guarantee, company) => recordRepayment({ guaranteeId, ...input }, guarantee, company),
      context,
      input.repaidOn,
    );
  }
}
