import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';
import type { CapitalMovement } from './subscribe-capital.command';

export class PayCapitalCommand extends Command<CapitalMovement> {
  constructor(
    readonly companyId: string,
    readonly input: { readonly memberId: string; readonly amount: Money; readonly paidOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
