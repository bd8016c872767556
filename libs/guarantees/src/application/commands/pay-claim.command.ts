import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';
import type { GuaranteeReceipt } from './guarantee-receipt';

export class PayClaimCommand extends Command<GuaranteeReceipt> {
  constructor(
    readonly guaranteeId: string,
    readonly input: { readonly amount: Money | null; readonly paidOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
