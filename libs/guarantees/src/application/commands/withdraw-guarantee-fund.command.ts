import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';
import type { FundMovement } from './deposit-guarantee-fund.command';

export class WithdrawGuaranteeFundCommand extends Command<FundMovement> {
  constructor(
    readonly companyId: string,
    readonly input: { readonly depositId: string; readonly amount: Money; readonly withdrawnOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
