import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordRecovery } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteeStreamWriter } from './guarantee-stream.writer';
import { RecordRecoveryCommand } from './record-recovery.command';

@CommandHandler(RecordRecoveryCommand)
export class RecordRecoveryHandler implements ICommandHandler<RecordRecoveryCommand> {
  constructor(private readonly guarantees: GuaranteeStreamWriter) {}

  execute({ guaranteeId, input, context }: RecordRecoveryCommand): Promise<GuaranteeReceipt> {
    return this.guarantees.run(
      guaranteeId,
      (guarantee, company) => recordRecovery({ guaranteeId, ...input }, guarantee, company),
      context,
      input.receivedOn,
    );
  }
}
