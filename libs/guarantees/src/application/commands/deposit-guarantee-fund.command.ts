import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';
import type { CommandReceipt, MoneyView } from './command-support';

export interface FundMovement extends CommandReceipt {
  readonly companyId: string;
  readonly depositId: string;
  readonly fundBalance: MoneyView;
}

export class DepositGuaranteeFundCommand extends Command<FundMovement> {
  constructor(
    readonly companyId: string,
    readonly input: {
      readonly bankId: string;
      readonly amount: Money;
      readonly termDepositReference: string;
      readonly depositedOn: string;
      readonly maturesOn: string | null;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
