import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';
import type { CommandReceipt, MoneyView } from './command-support';

export interface CapitalMovement extends CommandReceipt {
  readonly companyId: string;
  readonly memberId: string;
  readonly capitalSubscribed: MoneyView;
  readonly capitalPaid: MoneyView;
}

export class SubscribeCapitalCommand extends Command<CapitalMovement> {
  constructor(
    readonly companyId: string,
    readonly input: { readonly memberId: string; readonly amount: Money; readonly subscribedOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
