import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { payClaim } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteeStreamWriter } from './guarantee-stream.writer';
import { PayClaimCommand } from './pay-claim.command';

@CommandHandler(PayClaimCommand)
export class PayClaimHandler implements ICommandHandler<PayClaimCommand> {
  constructor(private readonly guarantees: GuaranteeStreamWriter) {}

  execute({ guaranteeId, input, context }: PayClaimCommand): Promise<GuaranteeReceipt> {
    return this.guarantees.run(
      guaranteeId,
      (guarantee, company) => payClaim({ guaranteeId, ...input }, guarantee, company),
      context,
      input.paidOn,
    );
  }
}
