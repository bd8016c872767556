import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { ProposalPendingAnswer } from './four-eyes.commands';
import type { GuaranteeReceipt } from './guarantee-receipt';

export class ReverseRepaymentCommand extends Command<GuaranteeReceipt | ProposalPendingAnswer> {
  constructor(
    readonly guaranteeId: string,
    readonly input: { readonly repaymentEventId: string; readonly reason: string; readonly correctedOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
