import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { GuaranteeReceipt } from './guarantee-receipt';

export class CallGuaranteeCommand extends Command<GuaranteeReceipt> {
  constructor(
    readonly guaranteeId: string,
    readonly input: { readonly calledOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
