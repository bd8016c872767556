import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { callGuarantee } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteeStreamWriter } from './guarantee-stream.writer';
import { CallGuaranteeCommand } from './call-guarantee.command';

@CommandHandler(CallGuaranteeCommand)
export class CallGuaranteeHandler implements ICommandHandler<CallGuaranteeCommand> {
  constructor(private readonly guarantees: GuaranteeStreamWriter) {}

  execute({ guaranteeId, input, context }: CallGuaranteeCommand): Promise<GuaranteeReceipt> {
    return this.guarantees.run(
      guaranteeId,
      (guarantee) => callGuarantee({ guaranteeId, ...input }, guarantee),
      context,
      input.calledOn,
    );
  }
}
